import { z } from "zod";
import { defineJobType, type TJobTypeDefinition } from "./define-job";

// Every job type of the system. Isomorphic (no db, no env): the web enqueues with it, the forms render from it.
export const systemNoop = defineJobType({
  name: "system.noop",
  title: "No-op",
  description: "Does nothing; measures the job system's own overhead.",
  queue: "system",
  params: z.object({ note: z.string().max(200).optional() }).strict(),
  priority: 5,
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  softTimeoutSeconds: 10,
  hardTimeoutSeconds: 30,
});

export const systemSleep = defineJobType({
  name: "system.sleep",
  title: "Sleep",
  description: "Sleeps, reporting progress; can fail its first attempts on purpose to exercise retries.",
  queue: "default",
  params: z
    .object({
      seconds: z.number().min(0).max(3600).describe("How long to sleep"),
      steps: z.number().int().min(1).max(100).default(10).describe("Progress updates while sleeping"),
      failAttempts: z.number().int().min(0).max(10).default(0).describe("Fail this many first attempts"),
      ignoreAbort: z.boolean().default(false).describe("Keep sleeping when aborted (tests the hard timeout)"),
    })
    .strict(),
  priority: 5,
  retry: { limit: 3, delaySeconds: 1, backoff: true, maxDelaySeconds: 60 },
  softTimeoutSeconds: 3600,
  hardTimeoutSeconds: 3660,
});

export const maintenanceRetention = defineJobType({
  name: "maintenance.retention",
  title: "Retention",
  description: "Deletes finished jobs (and later tasks, logs, artifacts) older than RETENTION_DAYS.",
  queue: "maintenance",
  params: z.object({ days: z.number().int().min(1).max(3650).optional() }).strict(),
  priority: 3,
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  softTimeoutSeconds: 600,
  hardTimeoutSeconds: 900,
  cron: "17 3 * * *",
});

export const maintenanceReaper = defineJobType({
  name: "maintenance.reaper",
  title: "Reaper",
  description: "Hands back jobs whose worker stopped heartbeating and syncs tracking with the queue.",
  queue: "maintenance",
  params: z.object({}).strict(),
  priority: 8,
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  softTimeoutSeconds: 60,
  hardTimeoutSeconds: 120,
  cron: "* * * * *",
});

export const maintenanceDatabase = defineJobType({
  name: "maintenance.database",
  title: "Database maintenance",
  description: "ANALYZE the app's tables; VACUUM them when asked.",
  queue: "maintenance",
  params: z.object({ vacuum: z.boolean().default(false) }).strict(),
  priority: 3,
  retry: { limit: 1, delaySeconds: 300, backoff: false },
  softTimeoutSeconds: 1800,
  hardTimeoutSeconds: 3600,
  cron: "43 4 * * 0",
});

export const JOB_TYPES = [systemNoop, systemSleep, maintenanceRetention, maintenanceReaper, maintenanceDatabase] as const;
export type TJobTypeName = (typeof JOB_TYPES)[number]["name"];
export const JOB_TYPE_NAMES = JOB_TYPES.map((t) => t.name) as [TJobTypeName, ...TJobTypeName[]];

export function findJobType(name: string): TJobTypeDefinition | undefined {
  return JOB_TYPES.find((t) => t.name === name);
}
