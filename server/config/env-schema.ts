import { z } from "zod";

// One schema for the web app, the worker and the scripts, so the processes cannot drift apart.
// Pure: no process.env here; load-env.ts feeds it.
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm run dev starts an embedded PostgreSQL and sets it for you)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: int(1, 100, 10),
  STORAGE_DIR: z.string().min(1).default(".data/storage"),
  AUTH_MODE: z.enum(["none", "sso", "nextauth"]).default("none"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  RETENTION_DAYS: int(1, 3650, 90),
  /** Comma-separated queue[:concurrency] list; empty = every queue at its default concurrency. */
  WORKER_QUEUES: z.string().default(""),
  WORKER_ID: z.string().min(1).optional(),
  WORKER_HEARTBEAT_SECONDS: int(1, 60, 5),
  /** A worker silent for this long is dead: its jobs are handed to other workers. */
  WORKER_DEAD_AFTER_SECONDS: int(5, 600, 20),
  WORKER_SHUTDOWN_GRACE_SECONDS: int(0, 3600, 30),
  /** pg-boss job heartbeat (its minimum is 10 s): a job whose worker stops refreshing it is retried. */
  JOB_HEARTBEAT_SECONDS: int(10, 600, 10),
});

export type TEnv = z.infer<typeof ZEnv>;
