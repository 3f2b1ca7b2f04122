// SQL of the "lean tracking" prototype (lean-worker.ts): what a tracked batch would cost with ONE tracking write per
// job. The start is not written before the handlers run; the settle writes started + finished in one statement.

/** Read-only stand-in for markStarted's cancel check: ids that must not run (cancelled or already settled). */
export const NOT_RUNNABLE = `SELECT id::text FROM "Job" WHERE id = ANY($1::uuid[]) AND status NOT IN ('queued', 'active')`;

/**
 * Job: queued/active → completed|queued(retry)|failed with attempt, worker and start time; JobAttempt: one row,
 * inserted already finished. Same outcome rules as settle-jobs.ts.
 */
export const SETTLE_ONCE = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::bool[], $4::jsonb[], $5::text[], $6::text[], $7::timestamptz[])
    AS t(id, attempt, ok, result, message, stack, started)
),
jobs AS (
  UPDATE "Job" j SET
    status = (CASE WHEN i.ok THEN 'completed' WHEN i.attempt < j."maxAttempts" THEN 'queued' ELSE 'failed' END)::"JobStatus",
    attempt = i.attempt, "workerId" = $8, "startedAt" = i.started,
    result = CASE WHEN i.ok THEN i.result ELSE j.result END,
    "errorMessage" = CASE WHEN i.ok THEN NULL ELSE i.message END,
    "errorStack" = CASE WHEN i.ok THEN NULL ELSE i.stack END,
    progress = CASE WHEN i.ok THEN 100 ELSE j.progress END,
    "deadLettered" = (NOT i.ok AND i.attempt >= j."maxAttempts"),
    "finishedAt" = CASE WHEN i.ok OR i.attempt >= j."maxAttempts" THEN now() ELSE NULL END,
    "updatedAt" = now()
  FROM input i WHERE j.id = i.id AND j.status IN ('queued', 'active')
  RETURNING j.id
)
INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status, "errorMessage", "startedAt", "finishedAt")
SELECT i.id, i.attempt, $8, (CASE WHEN i.ok THEN 'completed' ELSE 'failed' END)::"JobStatus", i.message, i.started, now()
FROM input i JOIN jobs USING (id)
ON CONFLICT ("jobId", attempt) DO UPDATE SET status = EXCLUDED.status, "errorMessage" = EXCLUDED."errorMessage",
  "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"`;
