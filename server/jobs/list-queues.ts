import "server-only";
import { db } from "../db/client";
import { QUEUES } from "./queues";
import { JOB_STATUSES, type TJobStatus } from "./schema";

export type TQueueView = { name: string; description: string; paused: boolean; counts: Record<TJobStatus, number>; completedLastMinute: number };

/** Depth per state of each queue for the caller's org, pause state, and last-minute throughput. */
export async function listQueues(orgId: string): Promise<TQueueView[]> {
  const [counts, recent, controls] = await Promise.all([
    db().job.groupBy({ by: ["queue", "status"], where: { orgId }, _count: { _all: true } }),
    db().job.groupBy({ by: ["queue"], where: { orgId, status: "completed", finishedAt: { gte: new Date(Date.now() - 60_000) } }, _count: { _all: true } }),
    db().queueControl.findMany(),
  ]);
  return QUEUES.map((q) => ({
    name: q.name,
    description: q.description,
    paused: controls.some((c) => c.name === q.name && c.paused),
    counts: Object.fromEntries(
      JOB_STATUSES.map((s) => [s, counts.find((c) => c.queue === q.name && c.status === s)?._count._all ?? 0]),
    ) as Record<TJobStatus, number>,
    completedLastMinute: recent.find((r) => r.queue === q.name)?._count._all ?? 0,
  }));
}
