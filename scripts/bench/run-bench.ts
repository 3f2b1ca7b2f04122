// The bench proper (queue.ts loads it once the react-server condition is in place): database, phases, report.
import pg from "pg";
import { disconnectDb } from "@/server/db/client";
import { stopProducer } from "@/server/jobs/producer";
import { openBenchDatabase } from "./bench-db";
import { loadConfig, type TBenchCtx } from "./config";
import { graphileRun, releaseGraphile } from "./graphile";
import { pickupLatency } from "./latency";
import { killAllChildren } from "./proc";
import { rawRun } from "./raw";
import { printReport, type TResults } from "./report";
import { trackedRun } from "./tracked";

const log = (line: string) => console.error(`[bench] ${line}`);

export async function runBench(): Promise<number> {
  const cfg = loadConfig();
  const started = performance.now();
  const database = await openBenchDatabase(log);
  // Before the first env() read: the app's db() and getProducer() in this process must use the bench database.
  process.env.DATABASE_URL = database.url;
  const probe = new pg.Pool({ connectionString: database.url, max: 2, application_name: "mb-bench-probe" });
  probe.on("error", () => {}); // idle connections ended by DROP DATABASE ... WITH (FORCE) on an interrupt
  const ctx: TBenchCtx = { url: database.url, probe, cfg, log };
  // Interrupted: stop the children first (they hold connections), then drop the scratch database.
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // on, not once: the signal arrives twice (terminal group + the re-exec parent's relay); the second must not kill us.
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      log(`${signal}: cleaning up`);
      killAllChildren();
      void Promise.allSettled([probe.end(), stopProducer(), disconnectDb(), releaseGraphile()])
        .then(() => database.release())
        .finally(() => process.exit(130));
    });
  }
  const results: TResults = {
    database: database.label,
    config: { trackedJobs: cfg.trackedJobs, rawJobs: cfg.rawJobs, graphileJobs: cfg.graphileJobs, repeats: cfg.repeats, chunk: cfg.chunk, latencyJobs: cfg.latencyJobs, workerQueues: cfg.workerQueues },
  };
  try {
    // Interleaved per repetition, so a slow stretch of the machine (autovacuum, another process) hits every system alike.
    for (let rep = 1; rep <= cfg.repeats; rep++) {
      if (cfg.only.has("tracked") && cfg.trackedJobs > 0) {
        const run = await trackedRun(ctx, rep);
        (results.tracked ??= []).push(run);
        log(`tracked #${rep}: submit ${Math.round(run.submitPerSec)}/s, drain ${Math.round(run.drainPerSec)}/s (db clock ${Math.round(run.dbSpanPerSec)}/s), rss ${run.peakRssMb} MiB`);
      }
      if (cfg.only.has("raw") && cfg.rawJobs > 0) {
        const run = await rawRun(ctx);
        (results.raw ??= []).push(run);
        log(`raw pg-boss #${rep}: insert ${Math.round(run.insertPerSec)}/s, drain ${Math.round(run.drainPerSec)}/s`);
      }
      if (cfg.only.has("graphile") && cfg.graphileJobs > 0) {
        const run = await graphileRun(ctx);
        (results.graphile ??= []).push(run);
        log(`graphile-worker #${rep}: add ${Math.round(run.addPerSec)}/s, drain ${Math.round(run.drainPerSec)}/s`);
      }
    }
    if (cfg.only.has("latency") && cfg.latencyJobs > 0) {
      results.latency = await pickupLatency(ctx);
      log(`latency: ${cfg.latencyJobs} jobs done`);
    }
    log(`finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    printReport(results);
    return 0;
  } finally {
    await releaseGraphile().catch(() => undefined);
    await stopProducer().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await probe.end().catch(() => undefined);
    await database.release().catch((error) => log(`could not drop the scratch database: ${(error as Error).message}`));
  }
}
