import type { PgBoss } from "pg-boss";
import { QUEUES, deadLetterQueueOf } from "./queues";

/**
 * Creates every queue of the catalog (dead-letter queue first) or updates its options. Idempotent;
 * run by producers and workers at start so neither depends on the other having started first.
 */
export async function ensureQueues(boss: PgBoss, jobHeartbeatSeconds: number): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const queue of QUEUES) {
    const dead = deadLetterQueueOf(queue.name);
    if (!existing.has(dead)) await boss.createQueue(dead, { retentionSeconds: 30 * 86400, deleteAfterSeconds: 30 * 86400 });
    const options = { notify: true, heartbeatSeconds: jobHeartbeatSeconds, deleteAfterSeconds: 86400 };
    if (existing.has(queue.name)) await boss.updateQueue(queue.name, { ...options, deadLetter: dead });
    else await boss.createQueue(queue.name, { ...options, deadLetter: dead });
  }
}
