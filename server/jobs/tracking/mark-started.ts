import "server-only";
import { SYSTEM_CALLER } from "../../auth/caller";
import { pgPool } from "../../db/pg-pool";
import { jobNotifier } from "../../notify/job-notifier";
import { findJobType } from "../catalog";
import { CHANNELS } from "../job-channels";
import type { TJobEnvelope } from "../job-envelope";

export type TFetchedJob = { id: string; retryCount: number; data: TJobEnvelope; queue: string; retryLimit?: number; startedAt?: number };

const MARK_STARTED = `
  WITH input AS (SELECT * FROM unnest($1::uuid[], $2::int[], $4::float8[]) AS t(id, attempt, started_ms)),
  updated AS (
    UPDATE "Job" j SET status = 'active', attempt = i.attempt, "workerId" = $3, "startedAt" = COALESCE(to_timestamp(i.started_ms / 1000.0), now()),
      progress = 0, "progressMessage" = NULL, "updatedAt" = now()
    FROM input i WHERE j.id = i.id AND j.status IN ('queued', 'active') RETURNING j.id, j.attempt, j."startedAt"
  ),
  opened AS (
    INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status, "startedAt")
    SELECT id, attempt, $3, 'active', "startedAt" FROM updated
    ON CONFLICT ("jobId", attempt) DO UPDATE SET "workerId" = EXCLUDED."workerId", status = 'active', "startedAt" = EXCLUDED."startedAt", "finishedAt" = NULL
  )
  SELECT id::text FROM updated`;

/**
 * Marks fetched jobs active (attempt = pg-boss retryCount + 1) in one statement and opens their attempt rows.
 * Returns the ids that may run: a row cancelled meanwhile is skipped. Jobs that pg-boss's cron created
 * have no row yet; they get one here, owned by the system org. Used before the handlers of single-job
 * queues run, and for a batch-queue job once it runs long enough to be worth showing as active.
 */
export async function markStarted(jobs: TFetchedJob[], workerId: string): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const { rows } = await pgPool().query<{ id: string }>(MARK_STARTED, [
    jobs.map((j) => j.id),
    jobs.map((j) => j.retryCount + 1),
    workerId,
    jobs.map((j) => j.startedAt ?? null),
  ]);
  const runnable = new Set(rows.map((r) => r.id));
  const missing = jobs.filter((j) => !runnable.has(j.id));
  if (missing.length > 0) {
    for (const job of await createRowsForScheduled(missing, workerId)) runnable.add(job);
  }
  jobNotifier().notifyMany(CHANNELS.status, runnable);
  return runnable;
}

/** Rows for cron-created jobs (no submit, so no row yet). Existing rows (cancelled, finished) are left alone. */
async function createRowsForScheduled(jobs: TFetchedJob[], workerId: string): Promise<string[]> {
  const created: string[] = [];
  for (const job of jobs) {
    const type = findJobType(job.data?.type);
    if (!type) continue;
    const { rows } = await pgPool().query<{ id: string }>(
      `WITH created AS (
         INSERT INTO "Job" (id, type, queue, priority, params, status, attempt, "maxAttempts", "workerId", "orgId", "userId", "startedAt")
         VALUES ($1::uuid, $2, $3, $4, $5::jsonb, 'active', $6, $7, $8, $9, $10, now())
         ON CONFLICT (id) DO NOTHING RETURNING id, attempt
       ),
       opened AS (
         INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status) SELECT id, attempt, $8, 'active' FROM created ON CONFLICT DO NOTHING
       )
       SELECT id::text FROM created`,
      [job.id, type.name, job.queue, type.priority, JSON.stringify(job.data.params ?? {}), job.retryCount + 1,
        (job.retryLimit ?? type.retry.limit) + 1, workerId, SYSTEM_CALLER.orgId, SYSTEM_CALLER.userId],
    );
    if (rows.length > 0) created.push(job.id);
  }
  return created;
}

/**
 * The ids among `ids` that must not run: cancelled (or already settled) since pg-boss handed them out.
 * Only asked for jobs a cancel notification named just before they were fetched; the others run unchecked
 * (a cancel after the fetch reaches the running handler through the AbortRegistry, and the settle is fenced).
 */
export async function notRunnable(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT id::text FROM "Job" WHERE id = ANY($1::uuid[]) AND status NOT IN ('queued', 'active')`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}
