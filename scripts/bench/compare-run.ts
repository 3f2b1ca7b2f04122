// Body of compare.ts.
import pg from "pg";
import { disconnectDb } from "@/server/db/client";
import { stopProducer } from "@/server/jobs/producer";
import { openBenchDatabase } from "./bench-db";
import { loadConfig, type TBenchCtx } from "./config";
import { median } from "./measure";
import { spawnNode, type TChild } from "./proc";
import type { TDrainCpu } from "./cpu";
import { rawRun } from "./raw";
import { startAppWorker, trackedRun } from "./tracked";

const PG_SHIM = ["--import", "./scripts/bench/prisma-pg-shim.ts"];

const log = (line: string) => console.error(`[compare] ${line}`);
type TDrain = { drainPerSec: number } & TDrainCpu;

function startLean(ctx: TBenchCtx, mode: "js" | "prisma" | "sql", prepared = false) {
  return async (workerId: string): Promise<TChild> => {
    const env = { DATABASE_URL: ctx.url, WORKER_ID: workerId, LEAN_MODE: mode, LEAN_PREPARED: prepared ? "1" : "0", LOG_LEVEL: "warn" };
    const child = spawnNode("scripts/bench/lean-worker.ts", [], env, { reactServer: true });
    await child.waitFor("lean worker ready", (out) => out.includes("lean worker ready")).catch(async (error) => {
      await child.stop();
      throw error;
    });
    return child;
  };
}

export async function compareWorkers(): Promise<number> {
  const cfg = loadConfig();
  const database = await openBenchDatabase(log);
  process.env.DATABASE_URL = database.url;
  const probe = new pg.Pool({ connectionString: database.url, max: 2 });
  const ctx: TBenchCtx = { url: database.url, probe, cfg: { ...cfg, rawJobs: cfg.trackedJobs }, log };
  const variants: Record<string, (rep: number) => Promise<TDrain>> = {
    "app worker (as is)": (rep) => trackedRun(ctx, rep),
    "app worker, its SQL over pg (no Prisma)": (rep) => trackedRun(ctx, rep, (id) => startAppWorker(ctx, id, PG_SHIM)),
    "lean per-job JS, app tracking SQL": (rep) => trackedRun(ctx, rep, startLean(ctx, "js")),
    "lean JS + one tracking write, Prisma tx": (rep) => trackedRun(ctx, rep, startLean(ctx, "prisma")),
    "lean JS + one tracking write, pg tx": (rep) => trackedRun(ctx, rep, startLean(ctx, "sql")),
    "same + prepared statements": (rep) => trackedRun(ctx, rep, startLean(ctx, "sql", true)),
    "raw pg-boss (no tracking)": () => rawRun(ctx),
  };
  // BENCH_VARIANTS: comma-separated name fragments to run a subset; BENCH_DDL: what-if schema SQL for this database.
  const wanted = process.env.BENCH_VARIANTS?.split(",").map((v) => v.trim()).filter(Boolean);
  for (const name of Object.keys(variants)) if (wanted && !wanted.some((w) => name.includes(w))) delete variants[name];
  if (process.env.BENCH_DDL) await probe.query(process.env.BENCH_DDL);
  const rates: Record<string, number[]> = {};
  const cpu: Record<string, TDrainCpu[]> = {};
  try {
    for (let rep = 1; rep <= cfg.repeats; rep++) {
      for (const [name, run] of Object.entries(variants)) {
        const result = await run(rep);
        (rates[name] ??= []).push(result.drainPerSec);
        (cpu[name] ??= []).push(result);
        log(`#${rep} ${name}: ${Math.round(result.drainPerSec)}/s, worker ${result.workerCpuUs.toFixed(0)} µs/job, postgres ${result.pgCpuUs.toFixed(0)} µs/job`);
      }
    }
    const raw = median(rates["raw pg-boss (no tracking)"] ?? [NaN]);
    console.log(`drain of ${cfg.trackedJobs} system.noop jobs, one consumer process, batch 100 × 2 (median of ${cfg.repeats}):`);
    for (const [name, values] of Object.entries(rates)) {
      const m = median(values);
      const runs = values.map((v) => Math.round(v)).join(" / ");
      const us = (pick: (c: TDrainCpu) => number) => median(cpu[name]!.map(pick)).toFixed(0).padStart(4);
      console.log(`  ${name.padEnd(40)} ${String(Math.round(m)).padStart(6)}/s  overhead ${((1 - m / raw) * 100).toFixed(0).padStart(3)}%` +
        `  CPU/job: worker ${us((c) => c.workerCpuUs)} µs, postgres ${us((c) => c.pgCpuUs)} µs   (${runs})`);
    }
    return 0;
  } finally {
    await stopProducer().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await probe.end().catch(() => undefined);
    await database.release();
  }
}
