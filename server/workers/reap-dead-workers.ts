import "server-only";
import type { PgBoss } from "pg-boss";
import { db } from "../db/client";
import { reconcileActiveJobs } from "../jobs/tracking/reconcile-jobs";

/**
 * Workers silent for `deadAfterSeconds` are marked dead and their running attempts are failed in pg-boss
 * (which retries them at once while attempts remain), then tracking is synced. This is what gets a
 * SIGKILLed worker's job running elsewhere within seconds instead of at the 15-minute expiry.
 * Fails are fenced to the attempt, so two reapers racing cannot fail an attempt twice.
 */
export async function reapDeadWorkers(boss: PgBoss, deadAfterSeconds: number): Promise<{ workers: number; jobs: number }> {
  const dead = await db().$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Worker" SET status = 'dead' WHERE status IN ('running', 'draining')
       AND "lastSeenAt" < now() - make_interval(secs => $1) RETURNING id`,
    deadAfterSeconds,
  );
  const orphans = await db().$queryRawUnsafe<{ id: string; queue: string; attempt: number; workerId: string }[]>(
    `SELECT j.id::text, j.queue, j.attempt, j."workerId" FROM "Job" j JOIN "Worker" w ON w.id = j."workerId"
     WHERE j.status = 'active' AND w.status IN ('dead', 'stopped')`,
  );
  for (const job of orphans) {
    await boss.fail(job.queue, [{ id: job.id, retryCount: job.attempt - 1 }], {
      message: `worker ${job.workerId} stopped heartbeating; attempt ${job.attempt} handed back`,
    });
  }
  await reconcileActiveJobs();
  return { workers: dead.length, jobs: orphans.length };
}
