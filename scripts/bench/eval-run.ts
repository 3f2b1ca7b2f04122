import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openBenchDatabase } from "./bench-db";
import { runCliBench } from "./eval-clis";
import { parseEvalOptions } from "./eval-options";
import { generateChange } from "./generate-repo";
import { mean } from "./measure";

const AGENTS = ["sim-strong", "sim-medium", "sim-weak", "sim-forgetful-rules"];
const log = (line: string) => console.log(`  ${line}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** The sim part and/or the real-CLI part (eval-options.ts), on one scratch database and storage dir. */
export async function runEvalBench(): Promise<number> {
  const options = parseEvalOptions(process.argv.slice(2), process.env);
  const started = Date.now();
  const bench = await openBenchDatabase(log);
  const storage = await mkdtemp(path.join(tmpdir(), "mb-bench-eval-"));
  process.env.DATABASE_URL = bench.url;
  process.env.STORAGE_DIR = storage;
  const { disconnectDb } = await import("@/server/db/client");
  const { stopProducer } = await import("@/server/jobs/producer");
  try {
    let code = 0;
    if (options.sim) code = Math.max(code, await runSimBench(storage));
    if (options.clis) code = Math.max(code, await runCliBench(options.clis, storage, log));
    console.log(`\nbench:eval done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await rm(storage, { recursive: true, force: true });
    await stopProducer().catch(() => undefined);
    await disconnectDb();
    await bench.release();
  }
}

/** One task with 4 sim agents x BENCH_EVAL_TRIALS on a generated repository. */
async function runSimBench(storage: string): Promise<number> {
  const changedFiles = Number(process.env.BENCH_EVAL_FILES ?? 24);
  const trials = Number(process.env.BENCH_EVAL_TRIALS ?? 3);
  console.log(`bench:eval sim agents — ${AGENTS.length} sim agents x ${trials} trials, ${changedFiles} changed files`);
  const { makeRepo } = await import("@/server/evaluation/test-support/make-repo");
  const { db } = await import("@/server/db/client");
  const { createTask } = await import("@/server/evaluation/tasks/create-task");
  const { listAgents } = await import("@/server/agents/registry");
  const { agentsConfig } = await import("@/server/config/env");
  const { base, head } = generateChange(changedFiles);
  const repo = await makeRepo({ base, head });
  const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "worker/index.ts", "--queues", "evaluation:2,agent-runs:4,judging:2"], {
    env: { ...process.env, MB_SERVICE: "worker", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  try {
    const caller = { orgId: "bench", teamId: null, userId: "bench" };
    const started = Date.now();
    const { id } = await createTask(
      caller,
      { source: { kind: "git", repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef }, agents: AGENTS, trials, maxFiles: 10, seed: 1, contextTokenLimit: 6000, maxTurns: 12 },
      await listAgents(agentsConfig()),
    );
    let status = "queued";
    while (!["completed", "failed", "cancelled"].includes(status)) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await db().task.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    }
    const wallMs = Date.now() - started;
    const task = await db().task.findUniqueOrThrow({ where: { id }, include: { runs: true } });
    const jobs = await db().job.findMany({ where: { orgId: "bench" }, select: { type: true, createdAt: true, startedAt: true, finishedAt: true } });
    const runs = task.runs.filter((r) => r.durationMs !== null && r.agentMs !== null);
    const overhead = runs.map((r) => r.durationMs! - r.agentMs!);
    const perTurn = runs.map((r) => (r.durationMs! - r.agentMs!) / Math.max(1, r.turns));
    const span = (type: string) => jobs.filter((j) => j.type === type && j.startedAt && j.finishedAt).map((j) => j.finishedAt!.getTime() - j.startedAt!.getTime());
    const pickup = jobs.filter((j) => j.startedAt).map((j) => j.startedAt!.getTime() - j.createdAt.getTime());
    console.log(`\ntask ${status}: ${task.runs.length} runs (${task.runs.filter((r) => r.status === "completed").length} completed), wall time ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`orchestration overhead per run (outside the agent process): mean ${mean(overhead).toFixed(0)} ms, p50 ${pct(overhead, 50)} ms, max ${Math.max(...overhead)} ms (target < 1000 ms)`);
    console.log(`  per turn: mean ${mean(perTurn).toFixed(1)} ms over ${mean(runs.map((r) => r.turns)).toFixed(0)} turns/run`);
    console.log(`  time inside agents per run: mean ${(mean(runs.map((r) => r.agentMs!)) / 1000).toFixed(1)} s`);
    console.log(`steps: prepare ${span("eval.prepare").join(", ")} ms; judge mean ${mean(span("eval.judge")).toFixed(0)} ms; finish ${span("eval.finish").join(", ")} ms; job pickup p50 ${pct(pickup, 50)} ms`);
    const board = task.runs.map((r) => `${r.agentId}#${r.trial} ${r.overall?.toFixed(2) ?? "-"}`).join("  ");
    console.log(`scores: ${board}`);
    return status === "completed" ? 0 : 1;
  } finally {
    try {
      process.kill(-worker.pid!, "SIGTERM");
    } catch {}
    await new Promise((r) => setTimeout(r, 1500));
    await repo.cleanup();
  }
}
