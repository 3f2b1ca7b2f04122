// The worker process: parse env → start pg-boss → queues → consumers → cron → heartbeat; SIGTERM drains.
import os from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "@/server/config/env";
import { disconnectDb } from "@/server/db/client";
import { closePgPool } from "@/server/db/pg-pool";
import { createBoss } from "@/server/jobs/create-boss";
import { ensureQueues } from "@/server/jobs/ensure-queues";
import { reconcileActiveJobs } from "@/server/jobs/tracking/reconcile-jobs";
import { logger } from "@/server/logger";
import { closeJobNotifier, jobNotifier } from "@/server/notify/job-notifier";
import { AbortRegistry } from "./abort-registry";
import { holdBoss } from "./boss-holder";
import { waitForDrain } from "./drain";
import { parseWorkerOptions } from "./parse-worker-options";
import { QueueConsumers } from "./queue-consumers";
import { createBatchRunner } from "./run-batch";
import { skipRedundantCompletions } from "./skip-redundant-complete";
import { scheduleCronJobs } from "./schedule-cron";
import { Supervisor } from "./supervisor";

async function main(): Promise<void> {
  const config = env();
  const queues = parseWorkerOptions(process.argv.slice(2), config.WORKER_QUEUES);
  const workerId = config.WORKER_ID ?? `${os.hostname()}-${process.pid}-${randomBytes(2).toString("hex")}`;

  const boss = createBoss(config.DATABASE_URL, "worker");
  await boss.start();
  holdBoss(boss);
  await ensureQueues(boss, config.JOB_HEARTBEAT_SECONDS);

  const registry = new AbortRegistry();
  const completions = skipRedundantCompletions(boss);
  if (!completions) logger.warn("pg-boss's completion statement not recognized (another pg-boss version?): batches settle before the next fetch");
  const runBatch = createBatchRunner({ boss, workerId, registry, completions });
  const consumers = new QueueConsumers(boss, queues, runBatch);
  await consumers.sync();
  const scheduled = await scheduleCronJobs(boss, queues);

  const supervisor = new Supervisor({
    boss, url: config.DATABASE_URL, workerId, queues, registry, consumers,
    heartbeatSeconds: config.WORKER_HEARTBEAT_SECONDS, deadAfterSeconds: config.WORKER_DEAD_AFTER_SECONDS, healthFile: config.WORKER_HEALTH_FILE,
  });
  await supervisor.start();
  logger.info({ workerId, queues: Object.fromEntries(queues), scheduled }, "worker ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: registry.size, graceSeconds: config.WORKER_SHUTDOWN_GRACE_SECONDS }, "draining");
    await supervisor.setStatus("draining");
    await consumers.stopAll();
    const left = await waitForDrain(registry, config.WORKER_SHUTDOWN_GRACE_SECONDS);
    if (left.length > 0) {
      // Past the grace period: abort the handlers; their attempts are failed and retried elsewhere while attempts remain.
      logger.warn({ jobs: left }, "grace period over; handing running jobs back");
      registry.abortAll(new Error("worker shutting down; attempt handed back"));
      await waitForDrain(registry, 5);
    }
    await boss.stop({ graceful: true, timeout: 2000, close: true }).catch((err) => logger.warn({ err }, "pg-boss stop"));
    if (left.length > 0) await reconcileActiveJobs({ ids: left }).catch(() => undefined);
    await supervisor.setStatus("stopped");
    const notifications = { ...jobNotifier().stats };
    await closeJobNotifier().catch(() => undefined);
    await closePgPool().catch(() => undefined);
    await disconnectDb();
    logger.info({ completionsSkipped: completions?.stats, notifications }, "worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "worker failed to start");
  console.error(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
