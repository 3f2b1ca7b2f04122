import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepo, type TMadeRepo } from "@/server/evaluation/test-support/make-repo";
import { readRequestLog, startModelSimProcess, type TModelSimProcess } from "@/server/model-sim/process";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";

// The real agent CLIs (Claude Code, Gemini CLI, Qwen Code, installed from the lockfile) in the real pipeline: a worker
// process runs one evaluation task with all three against the model simulator (bin/model-sim.mjs on a free port), and
// each CLI's own compaction fires during the deep-dive. MB_SKIP_REAL_CLIS=1 skips this file.
const STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "mb-real-clis-storage-"));
process.env.STORAGE_DIR = STORAGE_DIR;

const { db, disconnectDb } = await import("@/server/db/client");
const { stopProducer } = await import("@/server/jobs/producer");
const { createInnerTRPCContext } = await import("@/server/trpc/context");
const { createCaller } = await import("@/server/trpc/root");

const CLIS = ["claude", "gemini", "qwen"] as const;
/** Where each CLI reports its compaction (DESIGN section 4, ../shared/AGENT-CLIS.md). */
const SOURCES: Record<(typeof CLIS)[number], string> = { claude: "stdout", gemini: "telemetry", qwen: "session-file" };
/** What the CLIs would leave in a shared HOME or TMPDIR when not isolated. */
const CLI_TRACES = /^(\.claude|\.claude\.json|\.gemini|\.qwen|claude-\d+|cc-socks|gemini|qwen|mb-agent-tmp-)/;

const org = makeOrg();
const api = () => createCaller(createInnerTRPCContext({ caller: org.member }));
let repo: TMadeRepo;
let worker: TWorkerHandle;
let sim: TModelSimProcess;
const SIM_LOG = path.join(STORAGE_DIR, "model-sim.jsonl");
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

describe.skipIf(process.env.MB_SKIP_REAL_CLIS === "1")("real agent CLIs on the model simulator", () => {
  beforeAll(async () => {
    started = Date.now();
    repo = await makeRepo();
    sim = await startModelSimProcess({ logFile: SIM_LOG, args: ["--seed", "7"] });
    agentEnv = {
      AGENT_CLAUDE_BASE_URL: sim.url,
      AGENT_CLAUDE_API_KEY: "sk-ant-sim",
      AGENT_GEMINI_BASE_URL: sim.url,
      AGENT_GEMINI_API_KEY: "gemini-sim",
      // One request per turn: without a model Gemini CLI first asks its router (a JSON-mode call) which model to use.
      AGENT_GEMINI_MODEL: "gemini-2.5-flash",
      AGENT_QWEN_BASE_URL: `${sim.url}/v1`,
      AGENT_QWEN_API_KEY: "sk-sim",
      AGENT_QWEN_MODEL: "model-sim",
    };
    Object.assign(process.env, agentEnv);
    worker = await startWorker({
      args: ["--queues", "evaluation:2,agent-runs:3,judging:2"],
      env: { STORAGE_DIR, WORKER_SHUTDOWN_GRACE_SECONDS: "5", AGENT_TURN_TIMEOUT_SECONDS: "120", ...agentEnv },
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await sim?.stop();
    for (const key of Object.keys(agentEnv)) delete process.env[key];
    await db().task.deleteMany({ where: { orgId: org.orgId } });
    await db().job.deleteMany({ where: { orgId: org.orgId } });
    await repo?.cleanup();
    await stopProducer();
    await disconnectDb();
    await rm(STORAGE_DIR, { recursive: true, force: true });
  });

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
    const { id: taskId } = await api().tasks.create({
      source: { kind: "git", repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef },
      agents: [...CLIS],
      dimensions: ["SF"],
      maxFiles: 2,
      maxTurns: 3,
      contextTokenLimit: 100_000,
      seed: 7,
    });
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
  }, 300_000);

  it("claude.sim-<profile> agents start their own simulator per run: the profile that keeps less scores lower, the same way twice", async () => {
    const t0 = Date.now();
    const agents = ["claude.sim-thorough", "claude.sim-lossy"];
    const input = {
      source: { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef },
      agents,
      dimensions: ["SF" as const, "TTL" as const],
      maxFiles: 2,
      maxTurns: 3,
      contextTokenLimit: 100_000,
      seed: 11,
    };
    const first = await settled((await api().tasks.create(input)).id, 180_000);
    console.log(`[real-clis] claude on two simulator profiles: ${Date.now() - t0} ms`);
    expect(first.status, first.errorMessage ?? "").toBe("completed");
    const overall = (task: typeof first, agentId: string) => task.runs.find((r) => r.agentId === agentId)!.overall!;
    for (const run of first.runs) {
      expect(run.status, `${run.agentId}: ${run.errorMessage ?? ""}`).toBe("completed");
      expect(run.compressions.map((c) => c.source), run.agentId).toContain("stdout");
      const log = await readRequestLog(path.join(STORAGE_DIR, first.id, "runs", run.id, "agent", "keep", "model-sim.jsonl"));
      expect(log.some((entry) => entry.kind === "summary"), run.agentId).toBe(true);
    }
    expect(overall(first, "claude.sim-thorough")).toBeGreaterThan(overall(first, "claude.sim-lossy"));

    const again = await settled((await api().tasks.create(input)).id, 180_000);
    for (const agentId of agents) expect(overall(again, agentId), agentId).toBe(overall(first, agentId));
  }, 400_000);
});
