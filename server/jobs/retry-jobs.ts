import "server-only";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { TCaller } from "../auth/caller";
import { db } from "../db/client";
import { AppError } from "../errors";
import { deadLetterQueueOf } from "./queues";
import { actionableBy, findJobForAction } from "./job-ownership";
import { getProducer } from "./producer";

/**
 * Requeues failed or cancelled jobs of the caller's org for one more attempt: the row goes back to 'queued'
 * and pg-boss gets the job back (retry for failed, resume for cancelled) in the same transaction, so a
 * retried row is always really queued. The dead-letter copy of a failed job is removed.
 */
export async function retryJobs(caller: TCaller, ids: string[], deps: { boss?: PgBoss } = {}): Promise<{ retried: string[] }> {
  const boss = deps.boss ?? (await getProducer());
  return db().$transaction(async (tx) => {
    const rows = await tx.job.findMany({
      where: { id: { in: ids }, ...actionableBy(caller), status: { in: ["failed", "cancelled"] } },
      select: { id: true, queue: true, status: true, attempt: true, maxAttempts: true, deadLettered: true },
    });
    const adapter = fromPrisma(tx);
    const retried: string[] = [];
    for (const row of rows) {
      const r = (row.status === "failed"
        ? await boss.retry(row.queue, [row.id], { db: adapter })
        : await boss.resume(row.queue, [row.id], { db: adapter })) as { affected: number };
      if (r.affected !== 1) continue; // pg-boss no longer has it (deleted by retention): nothing to requeue
      if (row.deadLettered) {
        // pg-boss has no lookup by source id; its dead-letter copy records the original in source_id.
        await tx.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1 AND source_id = $2::uuid`, deadLetterQueueOf(row.queue), row.id);
      }
      await tx.job.update({
        where: { id: row.id },
        data: {
          status: "queued",
          // pg-boss's retry allows one more attempt; a resumed (cancelled) job keeps its remaining ones.
          maxAttempts: row.status === "failed" ? row.maxAttempts + 1 : row.maxAttempts,
          errorMessage: null,
          errorStack: null,
          deadLettered: false,
          finishedAt: null,
          progress: 0,
          progressMessage: null,
        },
      });
      retried.push(row.id);
    }
    return { retried };
  });
}

export async function retryJob(caller: TCaller, id: string, deps: { boss?: PgBoss } = {}): Promise<{ id: string; status: "queued" }> {
  const row = await findJobForAction(caller, id, "retry");
  if (row.status !== "failed" && row.status !== "cancelled") throw new AppError("CONFLICT", `job is ${row.status}; only failed or cancelled jobs can be retried`);
  const { retried } = await retryJobs(caller, [id], deps);
  if (retried.length === 0) throw new AppError("CONFLICT", "job is no longer held by the queue and cannot be retried");
  return { id, status: "queued" };
}
