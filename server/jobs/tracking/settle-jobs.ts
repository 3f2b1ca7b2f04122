import "server-only";
import { fromPrisma, type PgBoss } from "pg-boss";
import { db } from "../../db/client";

export type TOutcome =
  | { id: string; retryCount: number; ok: true; result: unknown }
  | { id: string; retryCount: number; ok: false; message: string; stack?: string };

/**
 * Settles finished attempts in pg-boss and in the tracked table in ONE transaction, so a crash can never
 * leave a job done in one and running in the other. pg-boss's settle is fenced to the attempt we ran:
 * an attempt that pg-boss already expired or handed to another worker is not touched in either table.
 * A failed attempt becomes 'queued' again while attempts remain (pg-boss retries it), else 'failed'
 * (and pg-boss copies it to the dead-letter queue).
 */
export async function settleJobs(boss: PgBoss, queue: string, outcomes: TOutcome[]): Promise<string[]> {
  if (outcomes.length === 0) return [];
  const done = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o): o is Extract<TOutcome, { ok: false }> => !o.ok);
  return db().$transaction(async (tx) => {
    const adapter = fromPrisma(tx);
    const settled = new Set<string>();
    if (done.length > 0) {
      const r = (await boss.complete(queue, done.map(attemptOf), null, { db: adapter })) as { settled?: string[] };
      for (const id of r.settled ?? []) settled.add(String(id));
    }
    for (const outcome of failed) {
      // One call per failure so each job keeps its own error as pg-boss output.
      const r = (await boss.fail(queue, [attemptOf(outcome)], { message: outcome.message }, { db: adapter })) as { settled?: string[] };
      for (const id of r.settled ?? []) settled.add(String(id));
    }
    const rows = outcomes.filter((o) => settled.has(o.id));
    if (rows.length === 0) return [];
    await tx.$executeRawUnsafe(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::bool[], $4::jsonb[], $5::text[], $6::text[]) AS t(id, attempt, ok, result, message, stack)
       ),
       jobs AS (
         UPDATE "Job" j SET
           status = (CASE WHEN i.ok THEN 'completed' WHEN j.attempt < j."maxAttempts" THEN 'queued' ELSE 'failed' END)::"JobStatus",
           result = CASE WHEN i.ok THEN i.result ELSE j.result END,
           "errorMessage" = CASE WHEN i.ok THEN NULL ELSE i.message END,
           "errorStack" = CASE WHEN i.ok THEN NULL ELSE i.stack END,
           progress = CASE WHEN i.ok THEN 100 ELSE j.progress END,
           "deadLettered" = (NOT i.ok AND j.attempt >= j."maxAttempts"),
           "finishedAt" = CASE WHEN i.ok OR j.attempt >= j."maxAttempts" THEN now() ELSE NULL END,
           "updatedAt" = now()
         FROM input i WHERE j.id = i.id AND j.attempt = i.attempt AND j.status = 'active'
         RETURNING j.id
       )
       UPDATE "JobAttempt" a SET status = (CASE WHEN i.ok THEN 'completed' ELSE 'failed' END)::"JobStatus",
         "errorMessage" = i.message, "finishedAt" = now()
       FROM input i WHERE a."jobId" = i.id AND a.attempt = i.attempt`,
      rows.map((o) => o.id),
      rows.map((o) => o.retryCount + 1),
      rows.map((o) => o.ok),
      rows.map((o) => (o.ok ? JSON.stringify(o.result ?? null) : null)),
      rows.map((o) => (o.ok ? null : o.message)),
      rows.map((o) => (o.ok ? null : (o.stack ?? null))),
    );
    return rows.map((o) => o.id);
  });
}

const attemptOf = (o: TOutcome) => ({ id: o.id, retryCount: o.retryCount });
