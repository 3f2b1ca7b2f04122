// The real-CLI part of `npm run bench:eval`: Claude Code, Gemini CLI and Qwen Code (installed from the lockfile)
// run real evaluation tasks in a real worker against the model simulator (bin/model-sim.mjs), configured as in
// tests/integration/real-clis.test.ts. Two passes:
//   1. one run per CLI, one at a time (worker `agent-runs:1`): per-turn wall time, orchestration overhead per turn
//      and per run, peak memory of the CLI's process tree;
//   2. N concurrent runs of one CLI for each N (a fresh worker with `agent-runs:N`, one task with N trials): mean
//      turn time at each N and its slowdown against N = 1.
import os from "node:os";
import path from "node:path";
import { agentsConfigFromEnv } from "@/server/agents/agents-config";
import { startModelSimProcess, type TModelSimProcess } from "@/server/model-sim/process";
import { PROJECT_ROOT } from "../project-root";
import { readRunTiming, table, spread, sec, msText, mib, maxOf, type TRunRow, type TRunTiming } from "./eval-cli-stats";
import { mean } from "./measure";
import type { TCliBenchOptions } from "./eval-options";
import { spawnNode, type TChild } from "./proc";
import { cpuText, measureCpuShare, type TCpuShare } from "./proc-cpu";
import { sampleCliMemory, type TTurnMemory } from "./proc-memory";

const LABELS: Record<string, string> = { claude: "Claude Code", gemini: "Gemini CLI", qwen: "Qwen Code" };
/** A task's settings: the integration test's, which makes each CLI compact once during the deep-dive. */
const TASK = { dimensions: ["SF" as const], maxFiles: 2, maxTurns: 3, contextTokenLimit: 100_000, seed: 7 };
const CALLER = { orgId: "bench-clis", teamId: null, userId: "bench" };
const SLOWDOWN_LIMIT = 1.5;

type TTaskResult = { taskId: string; status: string; wallMs: number; timings: TRunTiming[]; peakAllRssKb: number; samplerMsPerSample: number; cpu: TCpuShare };

export async function runCliBench(options: TCliBenchOptions, storage: string, log: (line: string) => void): Promise<number> {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`\nbench:eval real CLIs — ${options.clis.join(", ")} on the model simulator; concurrency sweep of ${options.scaleCli ?? "-"} at N = ${options.scaleNs.join(", ")}`);
  console.log(`  ${os.cpus().length} cores, load average ${load} (1/5/15 min) before`);
  const { makeRepo } = await import("@/server/evaluation/test-support/make-repo");
  const { listAgents } = await import("@/server/agents/registry");
  const repo = await makeRepo();
  let sim: TModelSimProcess | undefined;
  let worker: TChild | undefined;
  let exitCode = 0;
  try {
    sim = await startModelSimProcess({ projectRoot: PROJECT_ROOT, logFile: path.join(storage, "model-sim.jsonl"), args: ["--seed", "7"] });
    const agentEnv = {
      AGENT_CLAUDE_BASE_URL: sim.url,
      AGENT_CLAUDE_API_KEY: "sk-ant-sim",
      AGENT_GEMINI_BASE_URL: sim.url,
      AGENT_GEMINI_API_KEY: "gemini-sim",
      AGENT_GEMINI_MODEL: "gemini-2.5-flash", // one request per turn (no router call)
      AGENT_QWEN_BASE_URL: `${sim.url}/v1`,
      AGENT_QWEN_API_KEY: "sk-sim",
      AGENT_QWEN_MODEL: "model-sim",
    };
    const agents = await listAgents(agentsConfigFromEnv({ ...process.env, ...agentEnv }, PROJECT_ROOT));
    const versions = new Map<string, string>();
    for (const id of new Set([...options.clis, ...(options.scaleCli ? [options.scaleCli] : [])])) {
      const agent = agents.find((a) => a.id === id);
      if (agent?.installed) versions.set(id, agent.version ?? "?");
      else {
        console.log(`  ${id}: skipped, not installed${agent?.problem ? ` (${agent.problem})` : ""}`);
        exitCode = 1;
      }
    }
    const clis = options.clis.filter((id) => versions.has(id));
    const source = { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef };
    const startWorker = async (runs: number) => {
      await worker?.stop();
      const env = { MB_SERVICE: "worker", LOG_LEVEL: "info", STORAGE_DIR: storage, AGENT_TURN_TIMEOUT_SECONDS: "180", WORKER_SHUTDOWN_GRACE_SECONDS: "5", ...agentEnv };
      worker = spawnNode("worker/index.ts", ["--queues", `evaluation:1,agent-runs:${runs},judging:2`], env, { reactServer: true });
      await worker.waitFor("worker ready", (out) => out.includes('"worker ready"'), 60_000, 50);
      return worker;
    };
    const simPid = sim.child.pid!;
    const runTask = (agentIds: string[], trials: number) => runTaskMeasured(startWorker, simPid, storage, { source, agents: agentIds, trials, ...TASK }, agents, trials);

    // Pass 1: each CLI alone.
    const single = new Map<string, TRunTiming[]>();
    if (clis.length > 0) {
      log(`pass 1: ${clis.join(", ")} one run at a time (agent-runs:1)`);
      const result = await runTask(clis, options.trials);
      log(`pass 1: task ${result.status} in ${sec(result.wallMs)} s; CPU of both cores ${cpuText(result.cpu)}; memory sampler ${result.samplerMsPerSample.toFixed(2)} ms per sample`);
      for (const cli of clis) single.set(cli, result.timings.filter((t) => t.run.agentId === cli));
      if (result.status !== "completed") exitCode = 1;
    }

    // Pass 2: N concurrent runs of one CLI.
    const sweep: { n: number; timings: TRunTiming[]; wallMs: number; peakAllRssKb: number; cpu?: TCpuShare; reused: boolean }[] = [];
    const scaleCli = options.scaleCli && versions.has(options.scaleCli) ? options.scaleCli : undefined;
    for (const n of scaleCli ? options.scaleNs : []) {
      const reuse = n === 1 && options.trials === 1 ? single.get(scaleCli!) : undefined;
      if (reuse?.length) {
        sweep.push({ n, timings: reuse, wallMs: NaN, peakAllRssKb: maxOf(reuse.map((t) => t.peakTreeRssKb)) ?? 0, reused: true });
        continue;
      }
      log(`pass 2: ${n} concurrent ${scaleCli} run(s) (agent-runs:${n})`);
      const result = await runTask([scaleCli!], n);
      log(`pass 2: N=${n} task ${result.status} in ${sec(result.wallMs)} s; CPU ${cpuText(result.cpu)}`);
      if (result.status !== "completed") exitCode = 1;
      sweep.push({ n, timings: result.timings, wallMs: result.wallMs, peakAllRssKb: result.peakAllRssKb, cpu: result.cpu, reused: false });
    }

    // Report.
    if (single.size > 0) {
      console.log(`\nper CLI, one run at a time (${options.trials} run(s) each; ${TASK.maxFiles} files, ${TASK.dimensions.join("+")} questions, maxTurns ${TASK.maxTurns}, context limit ${TASK.contextTokenLimit}); times in s unless marked ms`);
      const rows = clis.map((cli) => {
        const runs = single.get(cli) ?? [];
        const turns = spread(runs.flatMap((t) => t.turnMs));
        const gaps = spread(runs.flatMap((t) => t.gapMs));
        const overhead = runs.map((t) => t.overheadMs).filter((v): v is number => v !== undefined);
        const status = runs.map((t) => t.run.status).join(",");
        return [
          `${LABELS[cli] ?? cli} ${versions.get(cli)}`,
          status,
          `${turns.n}`,
          sec(turns.p50), sec(turns.p95), sec(turns.mean),
          msText(gaps.p50), msText(gaps.p95), msText(gaps.mean), msText(mean(runs.map((t) => t.gapMs[0] ?? NaN))),
          msText(mean(overhead)),
          sec(mean(runs.map((t) => t.run.durationMs ?? NaN))),
          mib(maxOf(runs.map((t) => t.peakTreeRssKb))),
          mib(maxOf(runs.map((t) => t.peakHwmKb))),
          `${runs.reduce((a, t) => a + t.run.compressions, 0)}`,
        ];
      });
      const header = ["CLI", "run", "turns", "turn p50", "p95", "mean", "ovh/turn ms p50", "p95", "mean", "1st", "ovh/run ms", "run wall", "peak RSS MiB tree", "max proc HWM", "compactions"];
      for (const line of table(header, rows)) console.log(`  ${line}`);
      for (const cli of clis) {
        for (const t of single.get(cli) ?? []) {
          if (process.env.BENCH_EVAL_VERBOSE === "1") console.log(`  ${cli}#${t.run.trial} turn ms: ${t.turnMs.join(" ")}\n  ${cli}#${t.run.trial} overhead ms: ${t.gapMs.join(" ")}`);
          if (t.run.status !== "completed") console.log(`  ${cli}#${t.run.trial} ${t.run.status}: ${t.run.errorMessage ?? ""}`);
          if (t.sampledTurns !== t.turnMs.length) console.log(`  ${cli}#${t.run.trial}: memory sampled for ${t.sampledTurns} of ${t.turnMs.length} CLI invocations`);
        }
      }
      console.log("  turn = one CLI process (spawn to exit, run-process); ovh/turn = time between turns outside the CLI (transcript `at` gaps minus");
      console.log("  the turn's duration; 1st = from the run's start, incl. session setup and, the first time a worker opens that CLI, its");
      console.log("  `--version` probe); ovh/run = AgentRun.durationMs - agentMs; peak RSS = max over the run's turns of the summed VmRSS of");
      console.log("  the CLI's process group, sampled every 100 ms from /proc; max proc HWM = the largest VmHWM of one process of the tree.");
    }
    if (sweep.length > 0) {
      const base = sweep.find((s) => s.n === 1);
      const baseMean = base ? mean(base.timings.flatMap((t) => t.turnMs)) : NaN;
      console.log(`\nconcurrent runs of ${LABELS[scaleCli!] ?? scaleCli} (worker agent-runs:N, one task with N trials), ${os.cpus().length} cores`);
      let within: number | undefined;
      let allWithin = true;
      const rows = sweep.map((s) => {
        const turns = s.timings.flatMap((t) => t.turnMs);
        const m = mean(turns);
        const factor = m / baseMean;
        if (allWithin && factor <= SLOWDOWN_LIMIT) within = s.n;
        else allWithin = false;
        const overhead = s.timings.map((t) => t.overheadMs).filter((v): v is number => v !== undefined);
        return [
          `${s.n}`,
          s.timings.map((t) => t.run.status).every((st) => st === "completed") ? `${s.timings.length} ok` : s.timings.map((t) => t.run.status).join(","),
          `${turns.length}`,
          sec(m),
          sec(spread(turns).p95),
          Number.isFinite(factor) ? `${factor.toFixed(2)}x` : "-",
          sec(mean(s.timings.map((t) => t.run.durationMs ?? NaN))),
          msText(mean(overhead)),
          s.reused ? "(pass 1)" : sec(s.wallMs),
          mib(s.peakAllRssKb),
          s.cpu ? `${s.cpu.busyPct.toFixed(0)}% / ${s.cpu.otherPct.toFixed(0)}%` : "(pass 1)",
        ];
      });
      const header = ["N", "runs", "turns", "turn mean s", "p95", "slowdown", "run wall", "ovh/run ms", "task wall", "peak RSS MiB (all CLIs)", "CPU busy / other"];
      for (const line of table(header, rows)) console.log(`  ${line}`);
      console.log("  slowdown = mean turn time / N=1's; CPU busy = use of both cores during the task; other = the part not used by the");
      console.log("  worker, its CLIs, the simulator or this bench (other work on the machine, and PostgreSQL)");
      console.log(
        within === undefined
          ? `  no N keeps the mean turn time within ${SLOWDOWN_LIMIT}x of N=1`
          : `  largest N whose mean turn time stays within ${SLOWDOWN_LIMIT}x of N=1: ${within}${within === Math.max(...sweep.map((s) => s.n)) ? " (the largest tried)" : ""}`,
      );
    }
    console.log(`  load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    return exitCode;
  } finally {
    await worker?.stop();
    await sim?.stop();
    await repo.cleanup();
  }
}

async function runTaskMeasured(
  startWorker: (runs: number) => Promise<TChild>,
  simPid: number,
  storage: string,
  input: Parameters<typeof import("@/server/evaluation/tasks/create-task").createTask>[1],
  agents: Parameters<typeof import("@/server/evaluation/tasks/create-task").createTask>[2],
  concurrency: number,
): Promise<TTaskResult> {
  const { db } = await import("@/server/db/client");
  const { createTask } = await import("@/server/evaluation/tasks/create-task");
  const worker = await startWorker(concurrency);
  const sampler = sampleCliMemory(worker.pid);
  const cpu = measureCpuShare([worker.pid, simPid]);
  const started = Date.now();
  try {
    const { id } = await createTask(CALLER, input, agents);
    let status = "queued";
    // Throws when the worker dies or 15 minutes pass, with the worker's last output.
    await worker.waitFor(
      `task ${id} to finish`,
      async () => {
        status = (await db().task.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
        return ["completed", "failed", "cancelled"].includes(status);
      },
      15 * 60_000,
      250,
    );
    const wallMs = Date.now() - started;
    const cpuShare = cpu();
    sampler.stop();
    const memory: TTurnMemory[] = sampler.turns();
    const rows = await db().agentRun.findMany({
      where: { taskId: id },
      orderBy: [{ agentId: "asc" }, { trial: "asc" }],
      select: { id: true, agentId: true, trial: true, status: true, startedAt: true, durationMs: true, agentMs: true, turns: true, errorMessage: true, _count: { select: { compressions: true } } },
    });
    const runs: TRunRow[] = rows.map(({ _count, ...r }) => ({ ...r, compressions: _count.compressions }));
    const timings = await Promise.all(runs.map((run) => readRunTiming(storage, id, run, memory)));
    return { taskId: id, status, wallMs, timings, peakAllRssKb: sampler.peakAllRssKb(), samplerMsPerSample: sampler.costMs() / Math.max(1, sampler.samples()), cpu: cpuShare };
  } finally {
    sampler.stop();
  }
}
