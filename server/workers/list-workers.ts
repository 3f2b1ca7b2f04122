import "server-only";
import { db } from "../db/client";

export type TWorkerView = {
  id: string; host: string; pid: number; queues: Record<string, number>; inFlight: number;
  status: string; alive: boolean; startedAt: Date; lastSeenAt: Date;
};

/** Workers seen in the last hour, newest first; `alive` means heard from within the dead-after window. */
export async function listWorkers(deadAfterSeconds: number): Promise<TWorkerView[]> {
  const rows = await db().worker.findMany({
    where: { lastSeenAt: { gte: new Date(Date.now() - 3600_000) } },
    orderBy: { startedAt: "desc" },
    take: 100,
  });
  const cutoff = Date.now() - deadAfterSeconds * 1000;
  return rows.map((w) => ({
    ...w,
    queues: w.queues as Record<string, number>,
    alive: w.status === "running" || w.status === "draining" ? w.lastSeenAt.getTime() >= cutoff : false,
  }));
}
