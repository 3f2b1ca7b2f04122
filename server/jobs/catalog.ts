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

// The evaluation pipeline (DESIGN section 4): prepare -> one run per agent and trial -> judge per run -> finish.
// Each job carries only ids; the task row holds the state, so a retried job picks up where the row says.
const ZTaskRef = z.object({ taskId: z.uuid() }).strict();
const ZRunRef = z.object({ taskId: z.uuid(), runId: z.uuid() }).strict();

export const evalPrepare = defineJobType({
  name: "eval.prepare",
  title: "Prepare evaluation task",
  description: "Clones the source, diffs base..head, extracts facts and builds the question set.",
  queue: "evaluation",
  params: ZTaskRef,
  priority: 6,
  retry: { limit: 2, delaySeconds: 5, backoff: true, maxDelaySeconds: 120 },
  softTimeoutSeconds: 600,
  hardTimeoutSeconds: 720,
  internal: true,
});

export const evalRun = defineJobType({
  name: "eval.run",
  title: "Agent run",
  description: "Runs one agent through pre-compression, baseline, deep-dive, memory-only and evaluation.",
  queue: "agent-runs",
  params: ZRunRef,
  priority: 5,
  retry: { limit: 1, delaySeconds: 10, backoff: true, maxDelaySeconds: 300 },
  softTimeoutSeconds: 3 * 3600,
  hardTimeoutSeconds: 3 * 3600 + 300,
  internal: true,
});

export const evalJudge = defineJobType({
  name: "eval.judge",
  title: "Judge agent run",
  description: "Scores a run's answers: reference judge for fact questions, LLM judge for open ones.",
  queue: "judging",
  params: ZRunRef,
  priority: 6,
  retry: { limit: 3, delaySeconds: 15, backoff: true, maxDelaySeconds: 600 },
  softTimeoutSeconds: 900,
  hardTimeoutSeconds: 1200,
  internal: true,
});

export const evalFinish = defineJobType({
  name: "eval.finish",
  title: "Finish evaluation task",
  description: "Sets the task's final status and computes its leaderboard.",
  queue: "evaluation",
  params: ZTaskRef,
  priority: 7,
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  softTimeoutSeconds: 120,
  hardTimeoutSeconds: 300,
  internal: true,
});

export const JOB_TYPES = [
  systemNoop,
  systemSleep,
  maintenanceRetention,
  maintenanceReaper,
  maintenanceDatabase,
  evalPrepare,
  evalRun,
  evalJudge,
  evalFinish,
] as const;
export type TJobTypeName = (typeof JOB_TYPES)[number]["name"];
export const JOB_TYPE_NAMES = JOB_TYPES.map((t) => t.name) as [TJobTypeName, ...TJobTypeName[]];

export function findJobType(name: string): TJobTypeDefinition | undefined {
  return JOB_TYPES.find((t) => t.name === name);
}
