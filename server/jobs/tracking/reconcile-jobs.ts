import "server-only";
import { pgPool, withPgTransaction, type TPgQueryable } from "../../db/pg-pool";
import { jobNotifier } from "../../notify/job-notifier";
import { CHANNELS } from "../job-channels";
import { QUEUES } from "../queues";

const LOST = `'attempt ended without a result: worker lost or timed out'`;

/**
 * Rows out of line with pg-boss, among `candidates` (a CTE of ids): an 'active' row whose attempt pg-boss no
 * longer runs (it expired the attempt, failed it for a stale job heartbeat, a shutdown handed it back, another
 * worker claimed the next attempt), or a 'queued' row whose pg-boss job already ended (a batch-queue job runs
 * without being marked started, so a worker lost mid-batch leaves its rows 'queued' while pg-boss fails them).
 */
const RECONCILE = (candidates: string) => `
  WITH candidates AS (${candidates}),
  -- One primary-key lookup per candidate (LIMIT 1 keeps the planner from scanning all queued rows by status instead).
  tracked AS (
    SELECT t.* FROM candidates c CROSS JOIN LATERAL (SELECT id, status, attempt, queue FROM "Job" WHERE id = c.id LIMIT 1) t
  ),
  drift AS (
    SELECT t.id, t.status AS tracked, t.attempt, j.state::text AS state, j.retry_count, j.started_on, j.output
    FROM tracked t
    LEFT JOIN pgboss.job j ON j.name = t.queue AND j.id = t.id
    WHERE (t.status = 'active' AND (j.id IS NULL OR j.state <> 'active' OR j.retry_count + 1 <> t.attempt))
       OR (t.status = 'queued' AND (j.id IS NULL OR j.state IN ('completed', 'failed', 'cancelled')))
  ),
  closed AS (
    UPDATE "JobAttempt" a SET status = (CASE WHEN d.state = 'completed' THEN 'completed' WHEN d.state = 'cancelled' THEN 'cancelled' ELSE 'failed' END)::"JobStatus",
      "errorMessage" = COALESCE(a."errorMessage", d.output->>'message', ${LOST}),
      "finishedAt" = now()
    FROM drift d WHERE a."jobId" = d.id AND a.attempt = d.attempt AND a.status = 'active'
  ),
  fixed AS (
    UPDATE "Job" t SET
      status = (CASE
        WHEN d.state IS NULL THEN 'failed'
        WHEN d.state = 'active' OR d.state IN ('created', 'retry') THEN 'queued'
        ELSE d.state END)::"JobStatus",
      attempt = CASE WHEN d.tracked = 'queued' AND d.started_on IS NOT NULL THEN GREATEST(t.attempt, d.retry_count + 1) ELSE t.attempt END,
      "errorMessage" = CASE WHEN d.state = 'completed' THEN NULL ELSE COALESCE(d.output->>'message', ${LOST}) END,
      result = CASE WHEN d.state = 'completed' THEN d.output ELSE t.result END,
      "deadLettered" = (d.state = 'failed'),
      "finishedAt" = CASE WHEN d.state IS NULL OR d.state IN ('completed', 'failed', 'cancelled') THEN now() ELSE NULL END,
      "updatedAt" = now()
    FROM drift d WHERE t.id = d.id
    RETURNING t.id::text
  )
  SELECT id FROM fixed`;

/**
 * Every 'active' row, and the jobs pg-boss failed (kept a day, found through its (name, state) index): RECONCILE
 * looks their rows up by id and keeps those still 'queued'. Few either way; never a scan of the queued backlog.
 */
const ALL_CANDIDATES = `
  SELECT id FROM "Job" WHERE status = 'active'
  UNION
  SELECT id FROM pgboss.job WHERE name = ANY($1::text[]) AND state = 'failed'`;

/**
 * Brings tracked rows in line with pg-boss when pg-boss moved the job without us (see RECONCILE). Reads
 * pg-boss's job table directly: one statement. `ids` limits it to those jobs. Returns how many rows changed.
 */
export async function reconcileActiveJobs(options: { ids?: string[]; client?: TPgQueryable } = {}): Promise<number> {
  const client = options.client ?? pgPool();
  const { rows } = options.ids
    ? await client.query<{ id: string }>(RECONCILE(`SELECT unnest($1::uuid[]) AS id`), [options.ids])
    : await client.query<{ id: string }>(RECONCILE(ALL_CANDIDATES), [QUEUES.map((q) => q.name)]);
  // Inside a caller's transaction the caller notifies, after its commit.
  if (!options.client) jobNotifier().notifyMany(CHANNELS.status, rows.map((r) => r.id));
  return rows.length;
}

type TUnsettled = { id: string; retryCount: number; startedAt?: number };

/**
 * Attempts a worker ran but could not settle, because pg-boss no longer held them for that attempt (expired,
 * failed for a lost heartbeat, cancelled, claimed again elsewhere). A row the attempt never marked started
 * (batch queues) first gets the attempt recorded: as running, so the reconcile below closes it with pg-boss's
 * outcome, or as cancelled when the job was cancelled while it ran. One transaction, so a concurrent settle of
 * a newer attempt waits for the row and then sees it consistent.
 */
export async function recordUnsettled(attempts: TUnsettled[], workerId: string): Promise<void> {
  const ids = attempts.map((a) => a.id);
  await withPgTransaction(async (client) => {
    await client.query(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::float8[]) AS t(id, attempt, started_ms)),
       marked AS (
         UPDATE "Job" j SET attempt = i.attempt, "workerId" = $4, "startedAt" = COALESCE(to_timestamp(i.started_ms / 1000.0), now()), "updatedAt" = now(),
           status = (CASE WHEN j.status = 'queued' THEN 'active' ELSE j.status END)::"JobStatus"
         FROM input i WHERE j.id = i.id AND j.status IN ('queued', 'cancelled') AND j.attempt < i.attempt
         RETURNING j.id, j.status, j.attempt, j."startedAt"
       )
       INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status, "startedAt", "finishedAt")
       SELECT id, attempt, $4, status, "startedAt", CASE WHEN status = 'cancelled' THEN now() END FROM marked
       ON CONFLICT ("jobId", attempt) DO NOTHING`,
      [ids, attempts.map((a) => a.retryCount + 1), attempts.map((a) => a.startedAt ?? null), workerId],
    );
    await reconcileActiveJobs({ ids, client });
  });
  jobNotifier().notifyMany(CHANNELS.status, ids);
}
