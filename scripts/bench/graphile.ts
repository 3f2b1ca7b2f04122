// 3. graphile-worker 0.18 on the same database (schema graphile_worker), for an outside reference point.
import { makeWorkerUtils, runMigrations, type WorkerUtils } from "graphile-worker";
import type { TBenchCtx } from "./config";
import { quietLogger } from "./graphile-logger";
import { chunks, perSec, quiesce, waitForCount } from "./measure";
import { spawnNode } from "./proc";

export type TGraphileRun = { addPerSec: number; drainPerSec: number; peakRssMb?: number };

// graphile-worker deletes a job when it completes: done = nothing of ours left in the table.
const DONE = `SELECT ($1::int - count(*))::int AS n FROM graphile_worker._private_jobs`;

let utils: WorkerUtils | undefined;

export async function graphileRun(ctx: TBenchCtx): Promise<TGraphileRun> {
  const n = ctx.cfg.graphileJobs;
  if (!utils) {
    await runMigrations({ connectionString: ctx.url, logger: quietLogger });
    utils = await makeWorkerUtils({ connectionString: ctx.url, logger: quietLogger });
  }
  const t0 = performance.now();
  for (const size of chunks(n, ctx.cfg.chunk)) {
    await utils.addJobs(Array.from({ length: size }, () => ({ identifier: "bench_noop", payload: {} })));
  }
  const addMs = performance.now() - t0;
  await quiesce(ctx.probe, ["graphile_worker._private_jobs"]);

  const runner = spawnNode("scripts/bench/graphile-runner.ts", [], { DATABASE_URL: ctx.url });
  try {
    await runner.waitFor("graphile runner ready", (out) => out.includes("graphile runner ready"));
    const ready = performance.now();
    const done = await waitForCount(ctx.probe, DONE, [n], n, ctx.cfg.drainTimeoutMs);
    return { addPerSec: perSec(n, addMs), drainPerSec: perSec(n, done - ready), peakRssMb: runner.peakRssMb() };
  } finally {
    await runner.stop();
  }
}

export async function releaseGraphile(): Promise<void> {
  await utils?.release();
  utils = undefined;
}
