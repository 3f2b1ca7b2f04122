import "server-only";
import type { PgBoss } from "pg-boss";
import { bossDb, pgPool, withPgTransaction, type TPgQueryable } from "../../db/pg-pool";
import { logger } from "../../logger";
import { jobNotifier } from "../../notify/job-notifier";
import { CHANNELS } from "../job-channels";
import { recordUnsettled } from "./reconcile-jobs";

/** startedAt: when the handler started, epoch ms (the row's startedAt when the settle is its one write). */
type TAttempt = { id: string; retryCount: number; startedAt?: number };
export type TOutcome =
  | (TAttempt & { ok: true; result: unknown })
  | (TAttempt & { ok: false; message: string; stack?: string });
type TFailure = Extract<TOutcome, { ok: false }>;

/** The outcomes, sent as one JSON document (JSON.stringify is native; pg's array parameters are escaped in JS). */
const INPUT = `
  input AS (
    SELECT t.id, t."retryCount" + 1 AS attempt, t.ok, t.result, t.message, t.stack, to_timestamp(t."startedAt" / 1000.0) AS started
    FROM json_to_recordset($1::json) AS t(id uuid, "retryCount" int, ok boolean, result jsonb, message text, stack text, "startedAt" float8)
  )`;

/** A row this attempt's settle applies to: still 'queued' (a batch-queue job's one tracking write), or marked started for this attempt. */
const CURRENT = `(j.status = 'queued' OR (j.status = 'active' AND j.attempt = i.attempt))`;
/** A row still marked started for an older attempt that pg-boss expired and handed out again (the reconcile had not run yet). */
const SUPERSEDED = `j.status = 'active' AND j.attempt < i.attempt`;

/**
 * The tracked side of a settle, as CTEs over `input` joined with `settledBy` (the jobs pg-boss settled), for
 * rows matching `rows`; $2 is the worker id. Failed attempts go back to 'queued' while attempts remain (pg-boss
 * retries them), else 'failed' (and pg-boss copies them to the dead-letter queue): pg-boss's own rules.
 */
const track = (settledBy: string, rows: string) => `
  jobs AS (
    UPDATE "Job" j SET
      status = (CASE WHEN i.ok THEN 'completed' WHEN i.attempt < j."maxAttempts" THEN 'queued' ELSE 'failed' END)::"JobStatus",
      attempt = i.attempt, "workerId" = $2,
      "startedAt" = CASE WHEN j.status = 'active' AND j.attempt = i.attempt THEN j."startedAt" ELSE COALESCE(i.started, now()) END,
      result = CASE WHEN i.ok THEN i.result ELSE j.result END,
      "errorMessage" = i.message, "errorStack" = i.stack,
      progress = CASE WHEN i.ok THEN 100 ELSE j.progress END,
      "deadLettered" = (NOT i.ok AND i.attempt >= j."maxAttempts"),
      "finishedAt" = CASE WHEN i.ok OR i.attempt >= j."maxAttempts" THEN now() ELSE NULL END,
      "updatedAt" = now()
    FROM input i ${settledBy}
    WHERE j.id = i.id AND ${rows}
    RETURNING j.id, j."startedAt"
  ),
  attempts AS (
    INSERT INTO "JobAttempt" ("jobId", attempt, "workerId", status, "errorMessage", "startedAt", "finishedAt")
    SELECT i.id, i.attempt, $2, (CASE WHEN i.ok THEN 'completed' ELSE 'failed' END)::"JobStatus", i.message, t."startedAt", now()
    FROM input i JOIN jobs t ON t.id = i.id
    ON CONFLICT ("jobId", attempt) DO UPDATE SET "workerId" = EXCLUDED."workerId", status = EXCLUDED.status,
      "errorMessage" = EXCLUDED."errorMessage", "finishedAt" = EXCLUDED."finishedAt"
  )`;

/**
 * Successful attempts, pg-boss and tracking in ONE statement (one round trip, atomic on its own): pg-boss's
 * completion is the UPDATE its complete() runs (pg-boss 12 plans.completeJobs, fenced to the attempt: state
 * 'active' and the retry_count the worker fetched), and only the jobs it settled are tracked. Returns the
 * exceptions only: jobs pg-boss no longer held for this attempt (settled = false), and settled jobs whose row
 * did not match (settled = true).
 */
const SETTLE_DONE = `
  WITH ${INPUT},
  settled AS (
    UPDATE pgboss.job b SET completed_on = pgboss.job_now(), state = 'completed', output = NULL
    FROM input i
    WHERE b.name = $3 AND b.id = i.id AND b.state = 'active' AND b.retry_count = i.attempt - 1
    RETURNING b.id
  ),
  ${track("JOIN settled s ON s.id = i.id", CURRENT)}
  SELECT i.id::text AS id, s.id IS NOT NULL AS settled
  FROM input i LEFT JOIN settled s ON s.id = i.id LEFT JOIN jobs t ON t.id = i.id
  WHERE s.id IS NULL OR t.id IS NULL`;

/** Failed attempts: tracking only, inside the transaction in which pg-boss's fail() settled them. */
const TRACK_FAILED = `WITH ${INPUT}, ${track("", CURRENT)} SELECT count(*)::int AS n FROM jobs`;

/** Settled attempts whose row still showed an older attempt as running: that attempt is closed as lost, then the row tracked. */
const TRACK_SUPERSEDED = `
  WITH ${INPUT},
  lost AS (
    UPDATE "JobAttempt" a SET status = 'failed', "errorMessage" = COALESCE(a."errorMessage", 'attempt ended without a result: worker lost or timed out'),
      "finishedAt" = now()
    FROM input i WHERE a."jobId" = i.id AND a.attempt < i.attempt AND a.status = 'active'
  ),
  ${track("", SUPERSEDED)}
  SELECT id::text FROM jobs`;

/**
 * Settles finished attempts in pg-boss and in the tracked tables together, so a crash can never leave a job
 * done in one and running in the other. Fenced to the attempt that ran: an attempt that pg-boss already
 * expired, failed for a lost heartbeat, cancelled or handed to another worker is not settled in either
 * table; those rows are brought in line with pg-boss instead (recordUnsettled). Returns the settled ids.
 */
export async function settleJobs(boss: PgBoss, queue: string, outcomes: TOutcome[], workerId: string): Promise<string[]> {
  if (outcomes.length === 0) return [];
  const done = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o): o is TFailure => !o.ok);
  const settled: string[] = [];
  const unsettled: TOutcome[] = [];
  if (done.length > 0) {
    const { rows } = await retryOnConflict(() =>
      // The outcomes go as one JSON document: JSON.stringify is native, pg's array parameters are escaped in JS.
      pgPool().query<{ id: string; settled: boolean }>({ name: "mb_settle_done", text: SETTLE_DONE, values: [JSON.stringify(done), workerId, queue] }),
    );
    const missed = new Set(rows.filter((r) => !r.settled).map((r) => r.id));
    const untracked = new Set(rows.filter((r) => r.settled).map((r) => r.id));
    if (untracked.size > 0) await trackSuperseded(pgPool(), queue, done.filter((o) => untracked.has(o.id)), workerId);
    for (const o of done) {
      if (missed.has(o.id)) unsettled.push(o);
      else settled.push(o.id);
    }
  }
  if (failed.length > 0) {
    const failedSettled = await retryOnConflict(() => withPgTransaction((client) => settleFailed(client, boss, queue, failed, workerId)));
    for (const o of failed) {
      if (failedSettled.has(o.id)) settled.push(o.id);
      else unsettled.push(o);
    }
  }
  jobNotifier().notifyMany(CHANNELS.status, settled);
  if (unsettled.length > 0) await recordUnsettled(unsettled, workerId);
  return settled;
}

async function settleFailed(client: TPgQueryable, boss: PgBoss, queue: string, failed: TFailure[], workerId: string): Promise<Set<string>> {
  const settled = new Set<string>();
  for (const outcome of failed) {
    // One call per failure so each job keeps its own error as pg-boss output (failures are the rare path).
    const attempt = { id: outcome.id, retryCount: outcome.retryCount };
    const r = (await boss.fail(queue, [attempt], { message: outcome.message }, { db: bossDb(client) })) as { settled?: string[] };
    for (const id of r.settled ?? []) settled.add(String(id));
  }
  const rows = failed.filter((o) => settled.has(o.id));
  if (rows.length > 0) {
    const { rows: tracked } = await client.query<{ n: number }>(TRACK_FAILED, [JSON.stringify(rows), workerId]);
    if (tracked[0]!.n < rows.length) await trackSuperseded(client, queue, rows, workerId);
  }
  return settled;
}

/** The rare rows a settle did not match (see TRACK_SUPERSEDED); what still does not match has no row at all. */
async function trackSuperseded(client: TPgQueryable, queue: string, outcomes: TOutcome[], workerId: string): Promise<void> {
  const { rows } = await client.query<{ id: string }>(TRACK_SUPERSEDED, [JSON.stringify(outcomes), workerId]);
  if (rows.length < outcomes.length) {
    const tracked = new Set(rows.map((r) => r.id));
    logger.warn({ queue, jobs: outcomes.filter((o) => !tracked.has(o.id)).map((o) => o.id) }, "settled jobs without a tracked row (sent to pg-boss directly?)");
  }
}

/** A deadlock with a concurrent cancel (which locks the same rows in the other order) is retried, not lost. */
async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (i >= attempts || (code !== "40P01" && code !== "40001")) throw error;
      logger.warn({ code, attempt: i }, "settle conflicted with a concurrent change; retrying");
    }
  }
}
