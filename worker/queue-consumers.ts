import type { Job, PgBoss } from "pg-boss";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import { getQueueDefinition } from "@/server/jobs/queues";
import { listPausedQueues } from "@/server/jobs/queue-control";
import { logger } from "@/server/logger";

type TRunBatch = (queue: string, jobs: Job<TJobEnvelope>[]) => Promise<void>;

/**
 * Registers pg-boss consumers for the selected queues and keeps them in line with the pause switches:
 * a paused queue is not consumed (its jobs wait, queued), a resumed one is consumed again.
 */
export class QueueConsumers {
  private readonly consuming = new Set<string>();
  private stopped = false;
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly boss: PgBoss, private readonly queues: Map<string, number>, private readonly runBatch: TRunBatch) {}

  /** Re-reads the pause switches and starts/stops consumers to match. Serialized; safe to call often. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.applyPauseState()).catch((err) => logger.warn({ err }, "queue sync failed"));
    return this.syncing;
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await this.syncing;
    for (const queue of [...this.consuming]) await this.stop(queue);
  }

  private async applyPauseState(): Promise<void> {
    if (this.stopped) return;
    const paused = await listPausedQueues();
    for (const [queue, concurrency] of this.queues) {
      if (paused.has(queue) && this.consuming.has(queue)) await this.stop(queue);
      else if (!paused.has(queue) && !this.consuming.has(queue)) await this.start(queue, concurrency);
    }
  }

  private async start(queue: string, concurrency: number): Promise<void> {
    const batchSize = getQueueDefinition(queue)?.batchSize ?? 1;
    await this.boss.work<TJobEnvelope>(
      queue,
      {
        batchSize,
        localConcurrency: concurrency,
        // The minimal job (id, data, retryCount, expiry, heartbeat) is all the runner reads; metadata would
        // cost a dozen more columns (dates) to parse per job.
        includeMetadata: false,
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
        burstWhenBatchFull: batchSize > 1,
      },
      (jobs) => this.runBatch(queue, jobs),
    );
    this.consuming.add(queue);
    logger.info({ queue, concurrency, batchSize }, "consuming queue");
  }

  private async stop(queue: string): Promise<void> {
    // wait:false: stop fetching now; handlers already running finish (the drain waits for them).
    await this.boss.offWork(queue, { wait: false });
    this.consuming.delete(queue);
    logger.info({ queue }, "stopped consuming queue");
  }
}
