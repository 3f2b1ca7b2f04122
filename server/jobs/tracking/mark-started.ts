import "server-only";
import { SYSTEM_CALLER } from "../../auth/caller";
import { db } from "../../db/client";
import { findJobType } from "../catalog";
import type { TJobEnvelope } from "../job-envelope";

export type TFetchedJob = { id: string; retryCount: number; data: TJobEnvelope; queue: string; retryLimit?: number };

/**
 * Marks a fetched batch active (attempt = pg-boss retryCount + 1) in one statement and opens an attempt row.
 * Returns the ids that may run: a row cancelled meanwhile is skipped. Jobs that pg-boss's cron created
 * have no row yet; they get one here, owned by the system org.
 */
export async function markStarted(jobs: TFetchedJob[], workerId: string): Promise<Set<string>> {
  const ids = jobs.map((j) => j.id);
  const attempts = jobs.map((j) => j.retryCount + 1);
  const started = await db().$queryRawUnsafe<{ id: string }[]>(
    `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS t(id, attempt)),
     updated AS (
       UPDATE "Job" j SET status = 'active', attempt = i.attempt, "workerId" = $3, "startedAt" = now(),
         progress = 0, "progressMessage" = NULL, "updatedAt" = now()
       FROM input i WHERE j.id = i.id AND j.status IN ('queued', 'active') RETURNING j.id, j.attempt
     ),
     opened AS (
       INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status)
       SELECT id, attempt, $3, 'active' FROM updated
       ON CONFLICT ("jobId", attempt) DO UPDATE SET "workerId" = EXCLUDED."workerId", status = 'active', "startedAt" = now(), "finishedAt" = NULL
     )
     SELECT id::text FROM updated`,
    ids,
    attempts,
    workerId,
  );
  const runnable = new Set(started.map((r) => r.id));
  const missing = jobs.filter((j) => !runnable.has(j.id));
  if (missing.length > 0) {
    for (const job of await createRowsForScheduled(missing, workerId)) runnable.add(job);
  }
  return runnable;
}

/** Rows for cron-created jobs (no submit, so no row yet). Existing rows (cancelled, finished) are left alone. */
async function createRowsForScheduled(jobs: TFetchedJob[], workerId: string): Promise<string[]> {
  const created: string[] = [];
  for (const job of jobs) {
    const type = findJobType(job.data?.type);
    if (!type) continue;
    const rows = await db().$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "Job" (id, type, queue, priority, params, status, attempt, "maxAttempts", "workerId", "orgId", "userId", "startedAt")
       VALUES ($1::uuid, $2, $3, $4, $5::jsonb, 'active', $6, $7, $8, $9, $10, now())
       ON CONFLICT (id) DO NOTHING RETURNING id::text`,
      job.id, type.name, job.queue, type.priority, JSON.stringify(job.data.params ?? {}), job.retryCount + 1,
      (job.retryLimit ?? type.retry.limit) + 1, workerId, SYSTEM_CALLER.orgId, SYSTEM_CALLER.userId,
    );
    if (rows.length > 0) {
      await db().$executeRawUnsafe(
        `INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status) VALUES ($1::uuid, $2, $3, 'active') ON CONFLICT DO NOTHING`,
        job.id, job.retryCount + 1, workerId,
      );
      created.push(job.id);
    }
  }
  return created;
}
