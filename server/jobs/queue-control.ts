import "server-only";
import { db } from "../db/client";
import { CHANNELS } from "./job-channels";

/** Pauses or resumes a queue for every worker: the row is the truth, the NOTIFY makes workers act at once. */
export async function setQueuePaused(name: string, paused: boolean, changedBy: string): Promise<{ name: string; paused: boolean }> {
  await db().$transaction([
    db().queueControl.upsert({
      where: { name },
      create: { name, paused, changedBy },
      update: { paused, changedBy, changedAt: new Date() },
    }),
    db().$executeRawUnsafe(`SELECT pg_notify($1, $2)`, CHANNELS.queueControl, name),
  ]);
  return { name, paused };
}

export async function listPausedQueues(): Promise<Set<string>> {
  const rows = await db().queueControl.findMany({ where: { paused: true }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}
