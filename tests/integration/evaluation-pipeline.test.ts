import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TCaller } from "@/server/auth/caller";
import { AppError } from "@/server/errors";
import { chatReply, startFakeChatServer, type TFakeChatServer } from "@/server/evaluation/judging/fake-chat-server";
import { makeRepo, type TMadeRepo } from "@/server/evaluation/test-support/make-repo";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";
import { makeOrg } from "../helpers/test-callers";
import { zipEntries } from "../helpers/zip-entries";
import { waitFor } from "../helpers/wait-for";

// The whole pipeline for real: a local git repository, a worker process running prepare -> sim agents ->
// judge -> finish, the tRPC router, and the ZIP bundle read back.
const STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "mb-eval-storage-"));
// A custom agent that never answers: lets a test cancel a task while its agent process is running.
const SLOW_MARKER = `/bin/sleep 600.${process.pid}`;
const AGENTS_CUSTOM = JSON.stringify([
  { id: "slow-agent", label: "Slow agent", command: SLOW_MARKER.split(" "), output: "text" },
  { id: "broken-agent", label: "Broken agent", command: ["/bin/sh", "-c", "echo boom >&2; exit 3"], output: "text" },
]);
process.env.STORAGE_DIR = STORAGE_DIR;
process.env.AGENTS_CUSTOM = AGENTS_CUSTOM;

const { db, disconnectDb } = await import("@/server/db/client");
const { stopProducer } = await import("@/server/jobs/producer");
const { createInnerTRPCContext } = await import("@/server/trpc/context");
const { createCaller } = await import("@/server/trpc/root");
const { openTaskBundle } = await import("@/server/evaluation/bundle/task-bundle");

const org = makeOrg();
const api = (caller: TCaller) => createCaller(createInnerTRPCContext({ caller }));
let repo: TMadeRepo;
let worker: TWorkerHandle;
// The LLM judge of open questions: a local server speaking the OpenAI chat completions protocol.
let judge: TFakeChatServer;

async function settled(taskId: string, timeoutMs = 150_000) {
  return waitFor(
    `task ${taskId} to finish`,
    async () => {
      const task = await api(org.member).tasks.get({ id: taskId });
      return ["completed", "failed", "cancelled"].includes(task.status) ? task : undefined;
    },
    timeoutMs,
    250,
  );
}

/** The offending field of a BAD_REQUEST: from the service's AppError or from tRPC's input validation. */
function fieldOf(error: TRPCError): string | undefined {
  if (error.cause instanceof AppError) return error.cause.field;
  if (error.cause instanceof ZodError) return error.cause.issues[0]?.path.join(".");
  return undefined;
}

beforeAll(async () => {
  repo = await makeRepo();
  judge = await startFakeChatServer([chatReply(JSON.stringify({ score: 0.8, rationale: "explains the change" }))]);
  worker = await startWorker({
    args: ["--queues", "evaluation:2,agent-runs:4,judging:2"],
    env: { STORAGE_DIR, AGENTS_CUSTOM, WORKER_SHUTDOWN_GRACE_SECONDS: "5", JUDGE_BASE_URL: judge.baseUrl, JUDGE_MODEL: "judge-test" },
  });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await judge?.close();
  await db().task.deleteMany({ where: { orgId: org.orgId } });
  await db().job.deleteMany({ where: { orgId: org.orgId } });
  await repo?.cleanup();
  await stopProducer();
  await disconnectDb();
});

describe("evaluation pipeline", () => {
  let taskId: string;

  it("runs sim-strong and sim-weak on a real change; every dimension is scored and strong ranks above weak", async () => {
    ({ id: taskId } = await api(org.member).tasks.create({
      source: { kind: "git", repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef },
      agents: ["sim-strong", "sim-weak"],
      seed: 7,
      // Holds pre-compression and baseline; the deep-dive then overflows it (the sim compresses there).
      contextTokenLimit: 3000,
      maxTurns: 10,
    }));
    const task = await settled(taskId);
    expect(task.status, task.errorMessage ?? "").toBe("completed");
    expect(task.runs).toHaveLength(2);
    for (const run of task.runs) {
      expect(run.status, run.errorMessage ?? run.scoringError ?? "").toBe("completed");
      expect(run.scores!.map((s) => s.dimension).sort()).toEqual(["AR", "LRU", "SF", "TTL"]);
      expect(run.compressions.length).toBeGreaterThan(0);
      expect(run.compressions[0]!.phase).toBe("deep-dive");
      // It knew every fact before compressing: the baseline is the reference point of retention.
      const baselineFacts = (await api(org.member).runs.get({ id: run.id })).answers.filter((a) => a.phase === "baseline" && a.judge === "reference");
      expect(baselineFacts.every((a) => a.score === 1), JSON.stringify(baselineFacts)).toBe(true);
      expect(run.inputTokens).toBeGreaterThan(0);
    }
    const strong = task.runs.find((r) => r.agentId === "sim-strong")!;
    const weak = task.runs.find((r) => r.agentId === "sim-weak")!;
    expect(strong.overall!).toBeGreaterThan(weak.overall!);

    // Open questions went to the LLM judge, shown the baseline answer too; fact questions to the reference judge.
    const answers = (await api(org.member).runs.get({ id: strong.id })).answers;
    expect(new Set(answers.map((a) => a.judge))).toEqual(new Set(["reference", "llm"]));
    expect(answers.filter((a) => a.judge === "llm").every((a) => a.score === 0.8)).toBe(true);
    expect(judge.requests.length).toBeGreaterThan(0);
    expect(judge.requests[0]!.body).toMatchObject({ model: "judge-test", temperature: 0 });

    const board = await api(org.member).leaderboard.get({ taskId });
    expect(board.entries.map((e) => e.agentId)).toEqual(["sim-strong", "sim-weak"]);

    const logs = await api(org.member).tasks.logs({ id: taskId });
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(logs.lines.map((l) => Number(l.seq))).toEqual(logs.lines.map((_, i) => i + 1)); // numbered per task, no gaps
    expect(logs.lines.some((l) => /compression/.test(l.message))).toBe(true);
    const mirrored = await readFile(path.join(STORAGE_DIR, taskId, "task.log"), "utf8");
    expect(mirrored.trim().split("\n")).toHaveLength(logs.lines.length);
  });

  it("bundles task.json, questions, scores, every transcript and the logs", async () => {
    const { stream } = await openTaskBundle(org.orgId, taskId, STORAGE_DIR);
    const entries = await zipEntries(stream);
    for (const name of ["task.json", "questions.json", "scores.json", "evaluation.jsonl", "task.log"]) expect(entries.has(name), name).toBe(true);
    const transcripts = [...entries.keys()].filter((name) => name.endsWith("transcript.jsonl"));
    expect(transcripts).toHaveLength(2);
    const runLogs = [...entries.keys()].filter((name) => name.endsWith("/log.txt"));
    expect(runLogs).toHaveLength(2);
    for (const name of runLogs) expect(entries.get(name)!).toMatch(/turn 1 \(pre-compression\)/);
    for (const name of transcripts) {
      const turns = entries.get(name)!.trim().split("\n").map((l) => JSON.parse(l) as { phase: string });
      expect(new Set(turns.map((t) => t.phase))).toEqual(new Set(["pre-compression", "baseline", "deep-dive", "memory-only", "evaluation"]));
    }
    await expect(openTaskBundle(makeOrg().orgId, taskId, STORAGE_DIR)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retries only the named agent; the other run keeps its result", async () => {
    const before = await api(org.member).tasks.get({ id: taskId });
    const strongBefore = before.runs.find((r) => r.agentId === "sim-strong")!;
    const weakBefore = before.runs.find((r) => r.agentId === "sim-weak")!;
    await expect(api(org.member).tasks.retry({ id: taskId, agents: ["sim-weak"] })).resolves.toMatchObject({ reran: 1 });
    const after = await settled(taskId);
    expect(after.status).toBe("completed");
    const strongAfter = after.runs.find((r) => r.agentId === "sim-strong")!;
    const weakAfter = after.runs.find((r) => r.agentId === "sim-weak")!;
    expect(strongAfter.finishedAt).toEqual(strongBefore.finishedAt);
    expect(weakAfter.finishedAt!.getTime()).toBeGreaterThan(weakBefore.finishedAt!.getTime());
    // Same seed, same transcript: the deterministic sim and reference judge give the same score again.
    expect(weakAfter.overall).toBeCloseTo(weakBefore.overall!, 10);
  });

  it("cancelling a running task kills the agent's process and leaves the task cancelled", async () => {
    const { id } = await api(org.member).tasks.create({
      source: { kind: "git", repository: repo.fileUrl, baseRef: repo.baseRef, headRef: repo.headRef },
      agents: ["slow-agent", "sim-weak"],
    });
    const running = () => execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).split("\n").some((l) => l.startsWith(SLOW_MARKER));
    await waitFor("the slow agent to start", async () => running(), 60_000);
    await expect(api(org.otherMember).tasks.cancel({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await api(org.member).tasks.cancel({ id });
    await waitFor("the agent process to die", async () => !running(), 15_000);
    const task = await api(org.member).tasks.get({ id });
    expect(task.status).toBe("cancelled");
    expect(task.runs.find((r) => r.agentId === "slow-agent")!.status).toBe("cancelled");
  });

  it("an agent that fails does not fail its siblings", async () => {
    const { id } = await api(org.member).tasks.create({
      source: { kind: "git", repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef },
      agents: ["broken-agent", "sim-weak"],
      dimensions: ["AR"],
    });
    const task = await settled(id);
    expect(task.status).toBe("completed");
    const broken = task.runs.find((r) => r.agentId === "broken-agent")!;
    expect(broken.status).toBe("failed");
    expect(broken.errorMessage).toMatch(/broken-agent failed on turn 1/);
    expect(task.runs.find((r) => r.agentId === "sim-weak")!.status).toBe("completed");
  });

  it("a source with an unknown ref fails the task with a message naming the ref", async () => {
    const { id } = await api(org.member).tasks.create({
      source: { kind: "git", repository: repo.dir, baseRef: repo.baseRef, headRef: "no-such-branch" },
      agents: ["sim-weak"],
    });
    const task = await settled(id, 60_000);
    expect(task.status).toBe("failed");
    expect(task.errorMessage).toMatch(/no-such-branch/);
    expect(task.runs).toHaveLength(0);
  });

  it("rejects bad input naming the field, and creates nothing", async () => {
    const count = () => db().task.count({ where: { orgId: org.orgId } });
    const before = await count();
    const git = { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef };
    const cases: [unknown, string][] = [
      [{ source: git, agents: ["no-such-agent"] }, "agents.0"],
      [{ source: { kind: "github-pr", url: "https://github.com/acme/widgets/pulls/x" }, agents: ["sim-weak"] }, "source.url"],
      [{ source: { ...git, headRef: "" }, agents: ["sim-weak"] }, "source.headRef"],
      [{ source: git, agents: ["sim-weak"], maxFiles: 0 }, "maxFiles"],
      [{ source: git, agents: ["sim-weak"], maxFiles: 51 }, "maxFiles"],
    ];
    for (const [input, field] of cases) {
      const error = await api(org.member).tasks.create(input as never).then(() => undefined, (e: unknown) => e);
      expect(error, field).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect(fieldOf(error as TRPCError)).toBe(field);
    }
    await expect(api(org.viewer).tasks.create({ source: git, agents: ["sim-weak"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await count()).toBe(before);
  });
});
