import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepo, type TMadeRepo } from "@/server/evaluation/test-support/make-repo";
import { readRequestLog, startModelSimProcess, type TModelSimProcess } from "@/server/model-sim/process";
import { makeOrg } from "../helpers/test-callers";
import { zipEntries } from "../helpers/zip-entries";
import { waitFor } from "../helpers/wait-for";
import { cleanUpRealCliFile, offLoopback, readConnects, simAgentEnv, smallCliTask, startTracedWorker, type TTracedWorker } from "./real-clis-support";

// The real agent CLIs (Claude Code, Gemini CLI, Qwen Code, installed from the lockfile) in the real pipeline: a worker
// process runs one evaluation task with all three against the model simulator (bin/model-sim.mjs on a free port), and
// each CLI's own compaction fires during the deep-dive. The worker runs under strace, which records every connect()
// it and the CLIs make. MB_SKIP_REAL_CLIS=1 skips this file.
const STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "mb-real-clis-storage-"));
process.env.STORAGE_DIR = STORAGE_DIR;

const { db } = await import("@/server/db/client");
const { createInnerTRPCContext } = await import("@/server/trpc/context");
const { createCaller } = await import("@/server/trpc/root");
const { openTaskBundle } = await import("@/server/evaluation/bundle/task-bundle");

const CLIS = ["claude", "gemini", "qwen"] as const;
/** Where each CLI reports its compaction (DESIGN section 4, ../shared/AGENT-CLIS.md). */
const SOURCES: Record<(typeof CLIS)[number], string> = { claude: "stdout", gemini: "telemetry", qwen: "session-file" };
/** What the CLIs would leave in a shared HOME or TMPDIR when not isolated. */
const CLI_TRACES = /^(\.claude|\.claude\.json|\.gemini|\.qwen|claude-\d+|cc-socks|gemini|qwen|mb-agent-tmp-)/;
/** A custom agent on the real Claude Code binary, with a flag it does not know: it exits 1 on its first turn. */
const BROKEN_AGENT = "claude-bad-flag";
const AGENTS_CUSTOM = JSON.stringify([
  {
    id: BROKEN_AGENT,
    label: "Claude Code with an unknown flag",
    command: ["node_modules/@anthropic-ai/claude-code/bin/claude.exe", "-p", "{prompt}", "--output-format", "stream-json", "--verbose", "--no-such-flag"],
    output: "jsonl-claude",
  },
]);

const org = makeOrg();
const api = () => createCaller(createInnerTRPCContext({ caller: org.member }));
let repo: TMadeRepo;
let worker: TTracedWorker;
let sim: TModelSimProcess;
const SIM_LOG = path.join(STORAGE_DIR, "model-sim.jsonl");
const TRACE = path.join(STORAGE_DIR, "worker.strace");
let started: number;
let agentEnv: Record<string, string> = {};

/** Entries of `dir` that look like CLI state and changed since the test began. */
async function freshTraces(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => CLI_TRACES.test(name));
  const fresh: string[] = [];
  for (const name of names) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info && info.mtimeMs >= started) fresh.push(name);
  }
  return fresh;
}

/** Polls until the task is completed, failed or cancelled. */
async function settled(taskId: string, timeoutMs: number) {
  return waitFor(
    `task ${taskId} to finish`,
    async () => {
      const task = await api().tasks.get({ id: taskId });
      return ["completed", "failed", "cancelled"].includes(task.status) ? task : undefined;
    },
    timeoutMs,
    500,
  );
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/**
 * What strace saw so far: nothing but 127.0.0.1/::1 (and unix sockets), no DNS lookup, and the simulator reached by
 * several processes other than the worker (the CLIs: proof that their traffic is in the trace too).
 */
async function expectLoopbackOnly(simPorts: number[]) {
  const connects = await readConnects(TRACE);
  expect(offLoopback(connects).map((c) => c.line)).toEqual([]);
  expect(connects.filter((c) => c.port === 53).map((c) => c.line)).toEqual([]);
  expect(connects.some((c) => c.pid === worker.pid && c.family.startsWith("AF_INET"))).toBe(true); // PostgreSQL, at least
  const clients = new Set(connects.filter((c) => c.port !== undefined && simPorts.includes(c.port) && c.pid !== worker.pid).map((c) => c.pid));
  expect(clients.size).toBeGreaterThanOrEqual(3);
}

describe.skipIf(process.env.MB_SKIP_REAL_CLIS === "1")("real agent CLIs on the model simulator", () => {
  beforeAll(async () => {
    started = Date.now();
    repo = await makeRepo();
    sim = await startModelSimProcess({ logFile: SIM_LOG, args: ["--seed", "7"] });
    agentEnv = {
      ...simAgentEnv(sim.url),
      AGENTS_CUSTOM,
    };
    Object.assign(process.env, agentEnv);
    worker = await startTracedWorker({
      traceFile: TRACE,
      args: ["--queues", "evaluation:2,agent-runs:4,judging:2"],
      env: { STORAGE_DIR, WORKER_SHUTDOWN_GRACE_SECONDS: "5", AGENT_TURN_TIMEOUT_SECONDS: "120", ...agentEnv },
    });
  }, 60_000);

  afterAll(() => cleanUpRealCliFile({ orgId: org.orgId, storageDir: STORAGE_DIR, env: agentEnv, stoppable: [worker, sim], repo }));

  it("lists the three CLIs as installed, with their versions", async () => {
    const agents = await api().agents.list();
    for (const cli of CLIS) {
      const agent = agents.find((a) => a.id === cli);
      expect(agent, cli).toMatchObject({ installed: true, simulated: false });
      expect(agent!.version, cli).toMatch(/^\d+\.\d+\.\d+/);
      expect(agent!.binaryPath, cli).toContain(`${path.sep}node_modules${path.sep}`);
    }
  });

  it("runs a task with claude, gemini and qwen: scores, a compression from each CLI's own report, resumed sessions, isolated runs", async () => {
    const t0 = Date.now();
    const { id: taskId } = await api().tasks.create(smallCliTask(repo, { agents: [...CLIS], dimensions: ["SF"], seed: 7 }));
    const task = await settled(taskId, 240_000);
    console.log(`[real-clis] task finished in ${Date.now() - t0} ms`);
    expect(task.status, task.errorMessage ?? "").toBe("completed");
    const logs = (await api().tasks.logs({ id: taskId })).lines.map((l) => l.message);

    for (const cli of CLIS) {
      const run = task.runs.find((r) => r.agentId === cli)!;
      expect(run.status, `${cli}: ${run.errorMessage ?? run.scoringError ?? ""}`).toBe("completed");
      expect(run.scores?.map((s) => s.dimension), cli).toEqual(["SF"]);
      expect(run.overall, cli).toBeTypeOf("number");
      expect(run.inputTokens, cli).toBeGreaterThan(0);

      // The CLI's own compaction, read where the CLI reports it, during the deep-dive, with tokens before and after.
      expect(run.compressions.length, cli).toBeGreaterThan(0);
      const compression = run.compressions[0]!;
      expect(compression, cli).toMatchObject({ phase: "deep-dive", trigger: "auto", source: SOURCES[cli] });
      expect(compression.tokensBefore!, cli).toBeGreaterThan(compression.tokensAfter!);

      // One session, resumed by id on every turn after the first.
      const runDir = path.join(STORAGE_DIR, taskId, "runs", run.id);
      const transcript = (await readFile(path.join(runDir, "transcript.jsonl"), "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { sessionId: string; phase: string });
      const sessionIds = new Set(transcript.map((t) => t.sessionId));
      expect(sessionIds.size, cli).toBe(1);
      const [sessionId] = [...sessionIds];
      expect(sessionId, cli).toBeTruthy();
      const commands = logs.filter((m) => m.startsWith(`${cli}#1 system: $ `));
      expect(commands, cli).toHaveLength(transcript.length);
      expect(commands.slice(1).every((m) => m.includes(`"--resume" "${sessionId}"`)), cli).toBe(true);
      expect(transcript.filter((t) => t.phase === "memory-only"), cli).toHaveLength(1);

      // The private HOME and TMPDIR are gone; what the bundle needs (session files, telemetry) was kept.
      const agentDir = path.join(runDir, "agent");
      expect(await exists(path.join(agentDir, "home")), cli).toBe(false);
      expect(await exists(path.join(agentDir, "tmp")), cli).toBe(false);
      expect((await readdir(path.join(agentDir, "keep"))).length, cli).toBeGreaterThan(0);
    }

    // Nothing in the real HOME or the shared temp dir: every CLI ran in its own.
    expect(await freshTraces(homedir())).toEqual([]);
    expect(await freshTraces(tmpdir())).toEqual([]);

    // The simulator saw all three protocols and wrote one summary (at least) for each CLI.
    const requests = await readRequestLog(SIM_LOG);
    for (const protocol of ["anthropic", "gemini", "openai"]) {
      expect(requests.some((r) => r.protocol === protocol && r.kind === "summary"), protocol).toBe(true);
    }
    expect(requests.filter((r) => r.status !== 200)).toEqual([]);

    // Neither the worker nor any CLI it started connected anywhere but 127.0.0.1.
    await expectLoopbackOnly([Number(new URL(sim.url).port)]);
  }, 300_000);

  it("<cli>.sim-<profile> for all three CLIs: the lossy profile scores lower, the same way twice; a rule its summary dropped is kept at baseline and lost after; the bundle holds each transcript and simulator log; a crashing CLI fails only its own run", async () => {
    const t0 = Date.now();
    const agents = CLIS.flatMap((cli) => [`${cli}.sim-thorough`, `${cli}.sim-lossy`]);
    const input = smallCliTask(repo, { agents, dimensions: ["TTL"], seed: 11 });
    // The same task twice, at once (the second without the broken agent): scores must not depend on the run.
    const firstId = (await api().tasks.create({ ...input, agents: [...agents, BROKEN_AGENT] })).id;
    const againId = (await api().tasks.create(input)).id;
    const first = await settled(firstId, 600_000);
    const again = await settled(againId, 600_000);
    console.log(`[real-clis] six <cli>.sim-<profile> agents (and a broken one), twice: ${Date.now() - t0} ms`);
    expect(first.status, first.errorMessage ?? "").toBe("completed");
    const runOf = (task: typeof first, agentId: string) => task.runs.find((r) => r.agentId === agentId)!;
    const simLogOf = (taskId: string, runId: string) => path.join(STORAGE_DIR, taskId, "runs", runId, "agent", "keep", "model-sim.jsonl");

    // The broken CLI failed its own run with the CLI's own words; the other six went on and were scored.
    const broken = runOf(first, BROKEN_AGENT);
    expect(broken.status).toBe("failed");
    expect(broken.errorMessage).toContain("error: unknown option '--no-such-flag'");
    expect(broken.errorMessage).toMatch(/^claude-bad-flag failed on turn 1 \(pre-compression\): exit 1/);
    for (const agentId of agents) {
      const run = runOf(first, agentId);
      expect(run.status, `${agentId}: ${run.errorMessage ?? run.scoringError ?? ""}`).toBe("completed");
      const cli = agentId.split(".")[0] as (typeof CLIS)[number];
      expect(run.compressions.map((c) => c.source), agentId).toContain(SOURCES[cli]);
      expect(run.overall, agentId).toBeTypeOf("number");
    }
    for (const cli of CLIS) expect(runOf(first, `${cli}.sim-thorough`).overall!, cli).toBeGreaterThan(runOf(first, `${cli}.sim-lossy`).overall!);

    // Baseline against after compression: the rule (TTL) is kept by every thorough summary and so still followed;
    // where a lossy summary dropped it, the baseline answer followed it and the answer after compression does not.
    const { plan } = await db().task.findUniqueOrThrow({ where: { id: first.id }, select: { plan: true } });
    const prefix = (plan as { rule: { prefix: string } }).rule.prefix;
    const ruleQuestions = await db().question.findMany({ where: { taskId: first.id, dimension: "TTL", kind: "fact" } });
    expect(ruleQuestions.length).toBeGreaterThan(0);
    const lost: string[] = [];
    for (const agentId of agents) {
      const run = runOf(first, agentId);
      const summaries = (await readRequestLog(simLogOf(first.id, run.id))).filter((entry) => entry.kind === "summary").map((entry) => entry.summary ?? "");
      expect(summaries.length, agentId).toBeGreaterThan(0);
      const answers = await db().answer.findMany({ where: { runId: run.id, questionKey: { in: ruleQuestions.map((q) => q.key) } } });
      const answer = (key: string, phase: string) => answers.find((a) => a.questionKey === key && a.phase === phase)!;
      for (const question of ruleQuestions) {
        const [before, after] = [answer(question.key, "baseline"), answer(question.key, "evaluation")];
        expect(before.text.trim().startsWith(prefix), `${agentId} ${question.key} baseline: ${before.text}`).toBe(true);
        expect(before.score, agentId).toBe(1);
        if (agentId.endsWith(".sim-thorough")) {
          expect(summaries.every((summary) => summary.includes(prefix)), agentId).toBe(true);
          expect(after.text.trim().startsWith(prefix), `${agentId} ${question.key} after: ${after.text}`).toBe(true);
        } else if (summaries.every((summary) => !summary.includes(prefix))) {
          expect(after.text.trim().startsWith(prefix), `${agentId} ${question.key} after: ${after.text}`).toBe(false);
          expect(after.score, agentId).toBe(0);
          lost.push(`${agentId} ${question.key}`);
        }
      }
    }
    expect(lost.length).toBeGreaterThan(0);

    // The bundle: every run's transcript and the log of its own simulator.
    const entries = await zipEntries((await openTaskBundle(org.orgId, first.id, STORAGE_DIR)).stream);
    for (const agentId of agents) {
      for (const name of [`runs/${agentId}-t1/transcript.jsonl`, `runs/${agentId}-t1/agent/model-sim.jsonl`]) {
        expect(entries.get(name)?.length ?? 0, name).toBeGreaterThan(0);
      }
      const log = entries.get(`runs/${agentId}-t1/agent/model-sim.jsonl`)!.trim().split("\n").map((l) => JSON.parse(l) as { kind?: string });
      expect(log.some((entry) => entry.kind === "summary"), agentId).toBe(true);
    }

    // The same task again: the same score for every agent.
    expect(again.status, again.errorMessage ?? "").toBe("completed");
    for (const agentId of agents) {
      expect(runOf(again, agentId).status, agentId).toBe("completed");
      expect(runOf(again, agentId).overall, agentId).toBe(runOf(first, agentId).overall);
      expect(runOf(again, agentId).scores, agentId).toEqual(runOf(first, agentId).scores);
    }

    // Every run's simulator listened on 127.0.0.1, and nothing went anywhere else.
    const simPorts: number[] = [];
    for (const task of [first, again]) {
      const lines = (await api().tasks.logs({ id: task.id })).lines.map((l) => l.message);
      const ports = lines.flatMap((m) => /model simulator \(\w+\) for this run at http:\/\/127\.0\.0\.1:(\d+)$/.exec(m)?.[1] ?? []).map(Number);
      expect(ports, task.id).toHaveLength(agents.length);
      simPorts.push(...ports);
    }
    await expectLoopbackOnly(simPorts);
  }, 700_000);
});
