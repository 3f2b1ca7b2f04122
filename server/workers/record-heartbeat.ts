import "server-only";
import { db } from "../db/client";

export type THeartbeat = { id: string; host: string; pid: number; queues: Record<string, number>; inFlight: number; status: "running" | "draining" | "stopped" };

/** Upserts this worker's row; the monitor page and the reaper read it. */
export async function recordHeartbeat(beat: THeartbeat): Promise<void> {
  const now = new Date();
  await db().worker.upsert({
    where: { id: beat.id },
    create: { ...beat, startedAt: now, lastSeenAt: now },
    update: {
      inFlight: beat.inFlight,
      status: beat.status,
      lastSeenAt: now,
      queues: beat.queues,
      ...(beat.status === "stopped" ? { stoppedAt: now } : {}),
    },
  });
}
