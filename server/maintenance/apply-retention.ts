import "server-only";
import { rm } from "node:fs/promises";
import { db } from "../db/client";
import { taskPaths } from "../evaluation/storage-paths";

/**
 * Deletes what finished more than `days` ago: jobs (attempts cascade), tasks (runs, answers, logs cascade) with
 * their folders under STORAGE_DIR, and long-gone workers.
 */
export async function applyRetention(days: number, storageDir: string): Promise<{ jobs: number; tasks: number; workers: number }> {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const jobs = await db().job.deleteMany({ where: { status: { in: ["completed", "failed", "cancelled"] }, finishedAt: { lt: cutoff } } });
  const old = await db().task.findMany({ where: { status: { in: ["completed", "failed", "cancelled"] }, finishedAt: { lt: cutoff } }, select: { id: true } });
  for (const { id } of old) {
    await db().task.delete({ where: { id } });
    await rm(taskPaths(storageDir, id).root, { recursive: true, force: true });
  }
  const workers = await db().worker.deleteMany({ where: { lastSeenAt: { lt: cutoff } } });
  return { jobs: jobs.count, tasks: old.length, workers: workers.count };
}
