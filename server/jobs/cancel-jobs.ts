import "server-only";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { TCaller } from "../auth/caller";
import { db } from "../db/client";
import { AppError } from "../errors";
import { jobNotifier } from "../notify/job-notifier";
import { CHANNELS } from "./job-channels";
import { actionableBy, findJobForAction } from "./job-ownership";
import { getProducer } from "./producer";

/**
 * Cancels queued or running jobs of the caller's org: row and pg-boss job in one transaction; after the commit,
 * a (coalesced) NOTIFY makes the running worker abort the handler (and so kill its child processes). A lost
 * notification is covered by the worker's periodic check. Members may cancel only their own jobs; admins any in their org.
 */
export async function cancelJobs(caller: TCaller, ids: string[], deps: { boss?: PgBoss } = {}): Promise<{ cancelled: string[] }> {
  const boss = deps.boss ?? (await getProducer());
  const result = await db().$transaction(async (tx) => {
    const rows = await tx.job.findMany({
      where: { id: { in: ids }, ...actionableBy(caller) },
      select: { id: true, queue: true, status: true },
    });
    const open = rows.filter((r) => r.status === "queued" || r.status === "active");
    if (open.length === 0) return { cancelled: [] };
    const openIds = open.map((r) => r.id);
    await tx.job.updateMany({
      where: { id: { in: openIds }, status: { in: ["queued", "active"] } },
      data: { status: "cancelled", finishedAt: new Date(), errorMessage: `cancelled by ${caller.userId}` },
    });
    await tx.jobAttempt.updateMany({ where: { jobId: { in: openIds }, status: "active" }, data: { status: "cancelled", finishedAt: new Date() } });
    for (const queue of new Set(open.map((r) => r.queue))) {
      await boss.cancel(queue, open.filter((r) => r.queue === queue).map((r) => r.id), { db: fromPrisma(tx) });
    }
    return { cancelled: openIds };
  });
  const notifier = jobNotifier();
  notifier.notifyMany(CHANNELS.cancel, result.cancelled);
  notifier.notifyMany(CHANNELS.status, result.cancelled);
  return result;
}

export async function cancelJob(caller: TCaller, id: string, deps: { boss?: PgBoss } = {}): Promise<{ id: string; status: "cancelled" }> {
  const row = await findJobForAction(caller, id, "cancel");
  if (row.status !== "queued" && row.status !== "active") throw new AppError("CONFLICT", `job is ${row.status}; only queued or active jobs can be cancelled`);
  const { cancelled } = await cancelJobs(caller, [id], deps);
  if (cancelled.length === 0) throw new AppError("CONFLICT", "job finished before it could be cancelled");
  return { id, status: "cancelled" };
}
