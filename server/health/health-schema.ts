import { z } from "zod";

// Isomorphic: GET /api/health and the tRPC health.check answer this.
export const ZHealthCheckOutput = z.object({
  /** ok: everything up; degraded: no alive worker or queues not set up (jobs wait); down: database unreachable (HTTP 503). */
  status: z.enum(["ok", "degraded", "down"]),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable() }),
  /** pg-boss: its schema is installed and every queue of the catalog exists (the worker creates them at start). */
  queue: z.object({ ok: z.boolean(), missing: z.array(z.string()) }),
  queues: z.array(z.object({ name: z.string(), queued: z.number().int(), active: z.number().int(), paused: z.boolean() })),
  workers: z.object({ alive: z.number().int(), total: z.number().int() }),
});
export type THealthCheckOutput = z.infer<typeof ZHealthCheckOutput>;
