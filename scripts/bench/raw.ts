// 2. Raw pg-boss: the same queue shape without tracking, to price what the "Job"/"JobAttempt" bookkeeping costs.
import { systemNoop } from "@/server/jobs/catalog";
import { env } from "@/server/config/env";
import { getProducer } from "@/server/jobs/producer";
import { sendOptionsFor } from "@/server/jobs/send-options";
import type { TBenchCtx } from "./config";
import { drainCpu, type TDrainCpu } from "./cpu";
import { APP_TABLES, chunks, countOf, perSec, quiesce, waitForCount } from "./measure";
import { spawnNode, type TChild } from "./proc";
import { ensureRawQueue, RAW_QUEUE } from "./raw-queue";

export type TRawRun = { insertPerSec: number; drainPerSec: number; peakRssMb?: number } & TDrainCpu;

export const RAW_COMPLETED = `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`;

export async function rawRun(ctx: TBenchCtx): Promise<TRawRun> {
  const n = ctx.cfg.rawJobs;
  const before = await countOf(ctx.probe, RAW_COMPLETED, [RAW_QUEUE]);
  const insertMs = await insertRaw(ctx, n);
  await quiesce(ctx.probe, APP_TABLES);
  const worker = await startRawWorker(ctx);
  try {
    const ready = performance.now();
    const cpu = await drainCpu(worker.pid, ctx.probe);
    const done = await waitForCount(ctx.probe, RAW_COMPLETED, [RAW_QUEUE], before + n, ctx.cfg.drainTimeoutMs);
    return { insertPerSec: perSec(n, insertMs), drainPerSec: perSec(n, done - ready), peakRssMb: worker.peakRssMb(), ...(await cpu.perJob(n)) };
  } finally {
    await worker.stop();
  }
}

export async function insertRaw(ctx: TBenchCtx, n: number): Promise<number> {
  const boss = await getProducer();
  await ensureRawQueue(boss, env().JOB_HEARTBEAT_SECONDS);
  const options = sendOptionsFor(systemNoop); // same priority, retry and expiry as a tracked noop
  const t0 = performance.now();
  for (const size of chunks(n, ctx.cfg.chunk)) {
    await boss.insert(RAW_QUEUE, Array.from({ length: size }, () => ({ data: { type: systemNoop.name, params: {} }, ...options })));
  }
  return performance.now() - t0;
}

export async function startRawWorker(ctx: TBenchCtx, nodeFlags: string[] = []): Promise<TChild> {
  const worker = spawnNode("scripts/bench/raw-worker.ts", [], { DATABASE_URL: ctx.url, LOG_LEVEL: "warn" }, { nodeFlags });
  await worker.waitFor("raw worker ready", (out) => out.includes("raw worker ready")).catch(async (error) => {
    await worker.stop();
    throw error;
  });
  return worker;
}
