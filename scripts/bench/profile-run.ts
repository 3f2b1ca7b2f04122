// Body of profile.ts (loaded once the react-server condition is in place).
import pg from "pg";
import { disconnectDb } from "@/server/db/client";
import { stopProducer } from "@/server/jobs/producer";
import { openBenchDatabase } from "./bench-db";
import { loadConfig, type TBenchCtx } from "./config";
import { drainCpu, machineCpu } from "./cpu";
import { APP_TABLES, countOf, perSec, quiesce, waitForCount } from "./measure";
import { insertRaw, RAW_COMPLETED, startRawWorker } from "./raw";
import { RAW_QUEUE } from "./raw-queue";
import { startAppWorker, submitTracked, TRACKED_COMPLETED } from "./tracked";

const log = (line: string) => console.error(`[profile] ${line}`);

export async function profileDrain(): Promise<number> {
  const kind = process.argv[2] === "raw" ? "raw" : "tracked";
  const nodeFlags = process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR ?? "/tmp/mb-bench-prof"}`] : [];
  const cfg = loadConfig();
  const database = await openBenchDatabase(log);
  process.env.DATABASE_URL = database.url;
  const probe = new pg.Pool({ connectionString: database.url, max: 2 });
  const ctx: TBenchCtx = { url: database.url, probe, cfg, log };
  try {
    const n = cfg.trackedJobs;
    const [sql, params] = kind === "raw" ? [RAW_COMPLETED, [RAW_QUEUE]] : [TRACKED_COMPLETED, []];
    const before = await countOf(probe, sql, params);
    if (kind === "raw") await insertRaw(ctx, n);
    else await submitTracked(ctx, n);
    await quiesce(probe, APP_TABLES);
    const statements = await probe.query("SELECT pg_stat_statements_reset()").then(() => true, () => false);
    const worker = kind === "raw" ? await startRawWorker(ctx, nodeFlags) : await startAppWorker(ctx, `profile-${Date.now()}`, nodeFlags);
    const cpu = await drainCpu(worker.pid, probe);
    const machine0 = machineCpu();
    const t0 = performance.now();
    const done = await waitForCount(probe, sql, params, before + n, cfg.drainTimeoutMs, 50);
    const used = await cpu.perJob(n);
    const machine1 = machineCpu();
    await worker.stop();
    const ms = done - t0;
    const busy = (100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total);
    console.log(`${kind}: ${n} jobs drained in ${ms.toFixed(0)} ms = ${Math.round(perSec(n, ms))}/s`);
    console.log(`  CPU per job: worker ${used.workerCpuUs.toFixed(0)} µs, postgres backends ${used.pgCpuUs.toFixed(0)} µs; machine busy ${busy.toFixed(0)}%`);
    if (statements) await printStatements(probe, n);
    else console.log("  (pg_stat_statements not available on this server: no per-statement figures)");
    return 0;
  } finally {
    await stopProducer().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await probe.end().catch(() => undefined);
    await database.release();
  }
}

async function printStatements(probe: pg.Pool, n: number): Promise<void> {
  const { rows } = await probe.query<{ calls: string; total: number; mean: number; rows: string; query: string }>(
    `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time DESC LIMIT 15`,
  );
  const total = rows.reduce((a, r) => a + r.total, 0);
  console.log(`  top statements by execution time (server side; ${(total / n * 1000).toFixed(0)} µs/job in these):`);
  for (const r of rows) {
    console.log(`  ${r.total.toFixed(0).padStart(7)} ms ${String(r.calls).padStart(6)} calls ${r.mean.toFixed(2).padStart(7)} ms/call ${String(r.rows).padStart(7)} rows  ${r.query.slice(0, 110)}`);
  }
}
