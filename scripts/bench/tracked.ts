// 1. Tracked throughput: pre-submit N system.noop jobs, start one real worker process, time until the last tracked row completes.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { LOCAL_CALLER } from "@/server/auth/caller";
import { CHANNELS } from "@/server/jobs/job-channels";
import { getProducer } from "@/server/jobs/producer";
import { submitJobs } from "@/server/jobs/submit-job";
import { parseNotifyPayload } from "@/server/notify/coalescing-notifier";
import type { TBenchCtx } from "./config";
import { drainCpu, type TDrainCpu } from "./cpu";
import { APP_TABLES, chunks, countOf, perSec, quiesce, waitForCount } from "./measure";
import { spawnNode, type TChild } from "./proc";

export type TTrackedRun = {
  submitPerSec: number; drainPerSec: number; combinedPerSec: number; dbSpanPerSec: number; peakRssMb?: number;
  /** The worker's coalesced status notifications during the drain: jobs settled per second (one event each) and NOTIFYs received per second. */
  statusEventsPerSec: number; statusNotifiesPerSec: number; statusKeysSeen: number;
} & TDrainCpu;

export const TRACKED_COMPLETED = `SELECT count(*)::int AS n FROM "Job" WHERE queue = 'system' AND status = 'completed'`;

export async function trackedRun(ctx: TBenchCtx, rep: number): Promise<TTrackedRun> {
  const n = ctx.cfg.trackedJobs;
  const before = await countOf(ctx.probe, TRACKED_COMPLETED);
  const { ids, submitMs } = await submitTracked(ctx, n);
  await quiesce(ctx.probe, APP_TABLES);
  const workerId = `bench-tracked-${rep}-${randomBytes(2).toString("hex")}`;
  const status = await listenToStatus(ctx.url, new Set(ids));
  const worker = await startAppWorker(ctx, workerId);
  try {
    const ready = performance.now();
    const cpu = await drainCpu(worker.pid, ctx.probe);
    const done = await waitForCount(ctx.probe, TRACKED_COMPLETED, [], before + n, ctx.cfg.drainTimeoutMs);
    const cpuUsed = await cpu.perJob(n);
    const drainMs = done - ready;
    const notified = await status.stop(); // after the coalescing interval, so the last flush is in
    // Cross-check without poll granularity or readiness skew: first handler start to last finish, by the database's clock.
    const span = await ctx.probe.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM max(j."finishedAt") - min(a."startedAt")) * 1000 AS ms
       FROM "Job" j JOIN "JobAttempt" a ON a."jobId" = j.id WHERE j.id = ANY($1::uuid[])`,
      [ids],
    );
    return {
      submitPerSec: perSec(n, submitMs),
      drainPerSec: perSec(n, drainMs),
      combinedPerSec: perSec(n, submitMs + drainMs),
      dbSpanPerSec: perSec(n, Number(span.rows[0]?.ms)),
      peakRssMb: worker.peakRssMb(),
      statusEventsPerSec: perSec(n, drainMs),
      statusNotifiesPerSec: perSec(notified.notifies, drainMs),
      statusKeysSeen: notified.keys,
      ...cpuUsed,
    };
  } finally {
    await status.stop();
    await worker.stop();
  }
}

/** Counts the NOTIFYs on the job status channel and the bench's job ids they name (every settled job must be named). */
async function listenToStatus(url: string, ids: Set<string>) {
  const client = new pg.Client({ connectionString: url, application_name: "mb-bench-listen" });
  await client.connect();
  let notifies = 0;
  const seen = new Set<string>();
  client.on("notification", (msg) => {
    notifies++;
    for (const id of parseNotifyPayload(msg.payload ?? "")) if (ids.has(id)) seen.add(id);
  });
  await client.query(`LISTEN ${pg.escapeIdentifier(CHANNELS.status)}`);
  let stopped: Promise<{ notifies: number; keys: number }> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        await new Promise((r) => setTimeout(r, 300));
        await client.end().catch(() => undefined);
        return { notifies, keys: seen.size };
      })()),
  };
}

export async function submitTracked(ctx: TBenchCtx, n: number): Promise<{ ids: string[]; submitMs: number }> {
  const ids: string[] = [];
  await getProducer(); // pg-boss start + queue setup is a one-off per process, not part of the submit rate
  const t0 = performance.now();
  for (const size of chunks(n, ctx.cfg.chunk)) ids.push(...(await submitJobs(LOCAL_CALLER, "system.noop", Array.from({ length: size }, () => ({})))).ids);
  return { ids, submitMs: performance.now() - t0 };
}

/**
 * The real worker entry point, consuming only `system` (at concurrency 2 unless BENCH_WORKER_QUEUES says otherwise). LOG_LEVEL=warn keeps per-job info logs out of
 * the measurement, so "worker ready" (an info line) is not printed: readiness is its Worker row, which the worker
 * writes right after its consumers are registered (worker/index.ts: consumers.sync() → supervisor.start()).
 */
export async function startAppWorker(ctx: TBenchCtx, workerId: string, nodeFlags: string[] = []): Promise<TChild> {
  const worker = spawnNode("worker/index.ts", ["--queues", ctx.cfg.workerQueues], {
    DATABASE_URL: ctx.url, WORKER_ID: workerId, LOG_LEVEL: "warn", MB_SERVICE: "worker",
  }, { reactServer: true, nodeFlags });
  try {
    await worker.waitFor("worker ready", async (out) =>
      out.includes('"worker ready"') || (await countOf(ctx.probe, `SELECT count(*)::int AS n FROM "Worker" WHERE id = $1`, [workerId])) > 0,
    );
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return worker;
}
