import "server-only";
import { db } from "../../db/client";

/**
 * Brings 'active' tracked rows in line with pg-boss when pg-boss moved the job without us: it expired the
 * attempt (hard timeout), failed it for a stale job heartbeat (dead worker), a shutdown handed it back, or
 * another worker already claimed the next attempt. Reads pg-boss's job table directly: one query for all rows.
 * Returns how many rows changed.
 */
export async function reconcileActiveJobs(options: { ids?: string[] } = {}): Promise<number> {
  const filter = options.ids ? `AND t.id = ANY($1::uuid[])` : "";
  const args = options.ids ? [options.ids] : [];
  const changed = await db().$executeRawUnsafe(
    `WITH drift AS (
       SELECT t.id, t.attempt, j.state::text AS state, j.retry_count, j.output
       FROM "Job" t
       LEFT JOIN pgboss.job j ON j.name = t.queue AND j.id = t.id
       WHERE t.status = 'active' ${filter}
         AND (j.id IS NULL OR j.state <> 'active' OR j.retry_count + 1 <> t.attempt)
     ),
     closed AS (
       UPDATE "JobAttempt" a SET status = (CASE WHEN d.state = 'completed' THEN 'completed' WHEN d.state = 'cancelled' THEN 'cancelled' ELSE 'failed' END)::"JobStatus",
         "errorMessage" = COALESCE(a."errorMessage", d.output->>'message', 'attempt ended without a result: worker lost or timed out'),
         "finishedAt" = now()
       FROM drift d WHERE a."jobId" = d.id AND a.attempt = d.attempt AND a.status = 'active'
     )
     UPDATE "Job" t SET
       status = (CASE
         WHEN d.state IS NULL THEN 'failed'
         WHEN d.state = 'active' OR d.state IN ('created', 'retry') THEN 'queued'
         ELSE d.state END)::"JobStatus",
       "errorMessage" = CASE WHEN d.state = 'completed' THEN NULL
         ELSE COALESCE(d.output->>'message', 'attempt ended without a result: worker lost or timed out') END,
       result = CASE WHEN d.state = 'completed' THEN d.output ELSE t.result END,
       "deadLettered" = (d.state = 'failed'),
       "finishedAt" = CASE WHEN d.state IS NULL OR d.state IN ('completed', 'failed', 'cancelled') THEN now() ELSE NULL END,
       "updatedAt" = now()
     FROM drift d WHERE t.id = d.id`,
    ...args,
  );
  return changed;
}
