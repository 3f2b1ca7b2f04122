import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRepo, type TMadeRepo } from "@/server/evaluation/test-support/make-repo";
import { readRequestLog, startModelSimProcess, type TModelSimProcess } from "@/server/model-sim/process";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";
import { cleanUpRealCliFile, environOf, isAlive, processesUnder, simAgentEnv, smallCliTask, tcpPeerPorts, type TProc } from "./real-clis-support";

// Cancelling a task while the real CLIs (Claude Code, Gemini CLI, Qwen Code) are in the middle of a turn: the model
// simulator holds every reply for ten minutes (--delay-ms), so each CLI sits in its first turn with a request open.
// While they wait, their environment and settings are read from /proc and their private HOME: telemetry and update
// checks are off. Then tasks.cancel: within seconds no process of the task is left (the CLIs, anything they started),
// the runs end cancelled. MB_SKIP_REAL_CLIS=1 skips this file.
const STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "mb-real-clis-cancel-"));
process.env.STORAGE_DIR = STORAGE_DIR;

const { createInnerTRPCContext } = await import("@/server/trpc/context");
const { createCaller } = await import("@/server/trpc/root");

const CLIS = ["claude", "gemini", "qwen"] as const;
const PROTOCOLS = { claude: "anthropic", gemini: "gemini", qwen: "openai" } as const;
/** Long enough that no CLI turn can finish while the test looks; the cancel cuts it short. */
const MODEL_DELAY_MS = 600_000;
/** "Within a few seconds": SIGTERM to each CLI's process group, SIGKILL 3 s later (run-process). */
const GONE_WITHIN_MS = 8_000;

const org = makeOrg();
const api = () => createCaller(createInnerTRPCContext({ caller: org.member }));
let repo: TMadeRepo;
let worker: TWorkerHandle;
let sim: TModelSimProcess;
const SIM_LOG = path.join(STORAGE_DIR, "model-sim.jsonl");
let agentEnv: Record<string, string> = {};

const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Record<string, Record<string, unknown>>;
const exists = (file: string) => stat(file).then(() => true, () => false);

describe.skipIf(process.env.MB_SKIP_REAL_CLIS === "1")("real agent CLIs: cancel in the middle of a turn", () => {
  beforeAll(async () => {
    repo = await makeRepo();
    sim = await startModelSimProcess({ logFile: SIM_LOG, args: ["--delay-ms", String(MODEL_DELAY_MS)] });
    agentEnv = simAgentEnv(sim.url);
    Object.assign(process.env, agentEnv);
    worker = await startWorker({
      args: ["--queues", "evaluation:1,agent-runs:3,judging:1"],
      env: { STORAGE_DIR, WORKER_SHUTDOWN_GRACE_SECONDS: "5", AGENT_TURN_TIMEOUT_SECONDS: "900", ...agentEnv },
    });
  }, 60_000);

  afterAll(() => cleanUpRealCliFile({ orgId: org.orgId, storageDir: STORAGE_DIR, env: agentEnv, stoppable: [worker, sim], repo }));

  it("tasks.cancel while each CLI waits on the model: within seconds no process of the task is alive, the runs end cancelled; the CLIs ran with telemetry and updates off", async () => {
    const { id: taskId } = await api().tasks.create(smallCliTask(repo, { agents: [...CLIS], dimensions: ["SF"], seed: 5 }));
    const taskDir = path.join(STORAGE_DIR, taskId);
    const simPort = Number(new URL(sim.url).port);
    const homeOf = (runId: string) => path.join(taskDir, "runs", runId, "agent", "home");

    // Each CLI is inside its first turn: a live process of its run (its HOME is the run's) with a TCP connection
    // open to the simulator, which is holding the reply.
    const { task, waiting } = await waitFor(
      "each CLI to wait on the model",
      async () => {
        const current = await api().tasks.get({ id: taskId });
        if (current.runs.length !== CLIS.length) return undefined;
        const found = new Map<string, TProc>();
        for (const run of current.runs) {
          for (const proc of await processesUnder(homeOf(run.id))) {
            if ((await tcpPeerPorts(proc.pid)).includes(simPort)) found.set(run.agentId, proc);
          }
        }
        return found.size === CLIS.length ? { task: current, waiting: found } : undefined;
      },
      120_000,
      250,
    );
    expect(task.status).toBe("running");
    const logs = (await api().tasks.logs({ id: taskId })).lines.map((l) => l.message);
    for (const cli of CLIS) {
      expect(logs.some((m) => m.startsWith(`${cli}#1 turn 1 (pre-compression)`)), cli).toBe(true);
      expect(logs.some((m) => m.startsWith(`${cli}#1 reply`)), cli).toBe(false);
    }

    // Telemetry and update checks off, read from the live processes and the settings in their private HOME.
    for (const cli of CLIS) {
      const run = task.runs.find((r) => r.agentId === cli)!;
      const env = await environOf(waiting.get(cli)!.pid);
      expect(env.HOME, cli).toBe(homeOf(run.id));
      expect(env, cli).toMatchObject({ DO_NOT_TRACK: "1", NO_UPDATE_NOTIFIER: "1" });
      // Nothing of the worker's own environment (database, other agents' keys) reaches a CLI.
      expect(Object.keys(env).filter((key) => key === "DATABASE_URL" || key.startsWith("AGENT_")), cli).toEqual([]);
      if (cli === "claude") {
        expect(env).toMatchObject({ CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_TELEMETRY: "1", DISABLE_AUTOUPDATER: "1", DISABLE_ERROR_REPORTING: "1" });
      } else if (cli === "gemini") {
        const settings = await readJson(path.join(env.HOME!, ".gemini", "settings.json"));
        expect(settings.privacy).toMatchObject({ usageStatisticsEnabled: false });
        expect(settings.general).toMatchObject({ enableAutoUpdate: false, enableAutoUpdateNotification: false });
        // Gemini's telemetry is on, but only into a local file (the adapter reads its compressions from it).
        expect(settings.telemetry).toMatchObject({ target: "local" });
        expect(settings.telemetry!.otlpEndpoint).toBeUndefined();
        expect(env.GEMINI_TELEMETRY_TARGET).toBe("local");
        expect(env.GEMINI_TELEMETRY_OUTFILE?.startsWith(path.join(taskDir, "runs", run.id))).toBe(true);
        expect(Object.keys(env).filter((key) => key.startsWith("OTEL_") || key === "GEMINI_TELEMETRY_OTLP_ENDPOINT")).toEqual([]);
      } else {
        const settings = await readJson(path.join(env.HOME!, ".qwen", "settings.json"));
        expect(settings.privacy).toMatchObject({ usageStatisticsEnabled: false });
        expect(settings.general).toMatchObject({ enableAutoUpdate: false });
        expect(settings.telemetry).toMatchObject({ enabled: false });
      }
    }

    const t0 = Date.now();
    await api().tasks.cancel({ id: taskId });
    // Gone = nothing whose environment or cwd is the task's, and each CLI seen waiting is dead (a process in the middle
    // of exiting has no environment to read any more but is not dead yet).
    const stillAlive = async () => (await Promise.all([...waiting].map(async ([cli, proc]) => ((await isAlive(proc.pid)) ? cli : undefined)))).filter(Boolean);
    const left = await waitFor(
      "no process of the task to be left",
      async () => ((await processesUnder(taskDir)).length === 0 && (await stillAlive()).length === 0 ? [] : undefined),
      GONE_WITHIN_MS,
      100,
    ).catch(async () => [...(await processesUnder(taskDir)), ...(await stillAlive())]);
    const goneAfterMs = Date.now() - t0;
    console.log(`[real-clis-cancel] every process of the task gone ${goneAfterMs} ms after tasks.cancel`);
    expect(left).toEqual([]);

    // The runs end cancelled, each agent's turn was aborted, and its private HOME removed.
    const cancelled = await waitFor(
      "the runs to settle",
      async () => {
        const current = await api().tasks.get({ id: taskId });
        const lines = (await api().tasks.logs({ id: taskId })).lines.map((l) => l.message);
        const stopped = CLIS.every((cli) => lines.some((m) => m.startsWith(`${cli}#1: stopped`)));
        return stopped ? current : undefined;
      },
      30_000,
      250,
    );
    expect(cancelled.status).toBe("cancelled");
    for (const run of cancelled.runs) {
      expect(run.status, run.agentId).toBe("cancelled");
      expect(run.errorMessage, run.agentId).toBe("task cancelled");
      // The session is disposed (HOME removed) as the handler unwinds, just after it logs "stopped".
      const removed = await waitFor(`${run.agentId}'s HOME to be removed`, async () => ((await exists(homeOf(run.id))) ? undefined : true), 10_000, 100).catch(() => false);
      expect(removed, run.agentId).toBe(true);
    }
    const lines = (await api().tasks.logs({ id: taskId })).lines.map((l) => l.message);
    for (const cli of CLIS) expect(lines.some((m) => m.startsWith(`${cli}#1 system: exit `) && m.endsWith("(aborted)")), cli).toBe(true);

    // The simulator saw each CLI hang up in the middle of its request.
    const requests = await waitFor("the simulator to log the abandoned requests", async () => {
      const log = await readRequestLog(SIM_LOG);
      return CLIS.every((cli) => log.some((r) => r.protocol === PROTOCOLS[cli] && r.status === 499)) ? log : undefined;
    });
    expect(requests.filter((r) => r.status === 200 && r.kind !== undefined)).toEqual([]);
  }, 180_000);
});
