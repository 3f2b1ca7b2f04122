// The baseline queue mirrors "system": same queue options as ensure-queues.ts, same work() options as queue-consumers.ts.
import type { PgBoss } from "pg-boss";

export const RAW_QUEUE = "bench_raw";

export const RAW_WORK_OPTIONS = {
  batchSize: 100,
  localConcurrency: 2,
  includeMetadata: false,
  pollingIntervalSeconds: 2,
  notifyPollingIntervalSeconds: 2,
  burstWhenBatchFull: true,
};

export async function ensureRawQueue(boss: PgBoss, heartbeatSeconds: number): Promise<void> {
  const options = { notify: true, heartbeatSeconds, deleteAfterSeconds: 86400 };
  if (await boss.getQueue(RAW_QUEUE)) await boss.updateQueue(RAW_QUEUE, options);
  else await boss.createQueue(RAW_QUEUE, options);
}
