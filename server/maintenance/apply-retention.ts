import "server-only";
import { db } from "../db/client";

/** Deletes finished jobs (their attempts cascade) and long-gone workers older than `days`. Tasks, logs and artifacts join later. */
export async function applyRetention(days: number): Promise<{ jobs: number; workers: number }> {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const jobs = await db().job.deleteMany({ where: { status: { in: ["completed", "failed", "cancelled"] }, finishedAt: { lt: cutoff } } });
  const workers = await db().worker.deleteMany({ where: { lastSeenAt: { lt: cutoff } } });
  return { jobs: jobs.count, workers: workers.count };
}
