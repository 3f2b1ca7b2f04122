import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionPlan } from "./model";
import { buildSessionPlan } from "./questions/build-session-plan";
import { prepareSource } from "./source/prepare-source";
import { checkGroundTruth } from "./test-support/check-ground-truth";
import { runSimAgent, simSession, type TSimEvent } from "./test-support/run-sim-agent";
import { useTestRepo } from "./test-support/use-test-repo";

// The sim agent as a real process, driven through whole sessions over a real git change.

const fixture = useTestRepo();
let scratch: string;
let workspace: string;
let emptyWorkspace: string;
let plan: TSessionPlan;
const sessionDir = () => fixture.freshDir("sessions");

beforeAll(async () => {
  scratch = fixture.scratch;
  workspace = path.join(scratch, "repo");
  emptyWorkspace = await mkdtemp(path.join(scratch, "empty-"));
  const source = { kind: "git" as const, repository: fixture.repo.dir, baseRef: "main", headRef: "feature" };
  const prepared = await prepareSource({ source, repoDir: workspace, maxFiles: 10 });
  plan = buildSessionPlan({ facts: prepared.facts, diffs: prepared.diffs, seed: 11, maxTurns: 10 });
});

type TSessionRecord = { transcript: string[]; compressions: number; baseline: number; evaluation: number; facts: number };

/** pre-compression → baseline → deep-dive → memory-only → evaluation, as the pipeline runs it; fact answers checked locally. */
async function runWholeSession(profile: string, seed: number, contextLimit: number): Promise<TSessionRecord> {
  const session = simSession({ profile, sessionDir: sessionDir(), seed, contextLimit });
  const transcript: string[] = [];
  let compressions = 0;
  const turn = async (prompt: string, cwd: string) => {
    const run = await session.turn(prompt, cwd);
    transcript.push(run.stdout);
    compressions += run.events.filter((e) => e.type === "compression").length;
    return run.text;
  };
  // The whole question set is asked, as the pipeline does; fact answers are checked.
  const score = async (cwd: string) => {
    let correct = 0;
    for (const q of plan.questions) {
      const text = await turn(q.prompt, cwd);
      if (q.groundTruth && checkGroundTruth(text, q.groundTruth)) correct++;
    }
    return correct;
  };
  for (const prompt of plan.preCompression) await turn(prompt, workspace);
  const baseline = await score(workspace);
  for (const prompt of plan.deepDive) await turn(prompt, workspace);
  await turn(plan.memoryOnly, emptyWorkspace);
  const evaluation = await score(emptyWorkspace);
  return { transcript, compressions, baseline, evaluation, facts: plan.questions.filter((q) => q.groundTruth).length };
}

describe("sim-agent CLI", () => {
  it("lists its profiles and prints a version", async () => {
    const list = await runSimAgent(["--list-profiles"], "", scratch);
    expect(list.code).toBe(0);
    const profiles = JSON.parse(list.stdout) as { id: string; label: string; retention: number; description: string }[];
    expect(profiles.map((p) => p.id)).toEqual(expect.arrayContaining(["sim-strong", "sim-weak", "sim-forgetful-rules"]));
    for (const p of profiles) expect(Object.keys(p)).toEqual(["id", "label", "retention", "description"]);
    expect(profiles.find((p) => p.id === "sim-strong")!.retention).toBeGreaterThan(profiles.find((p) => p.id === "sim-weak")!.retention);
    expect((await runSimAgent(["--version"], "", scratch)).stdout).toMatch(/^sim-agent \d+\.\d+\.\d+\n$/);
  });

  it.each([
    [[], "missing --profile"],
    [["--profile", "sim-nope", "--session-dir", "/tmp/x", "--seed", "1", "--context-limit", "1000"], 'unknown profile "sim-nope"'],
    [["--profile", "sim-weak", "--session-dir", "/tmp/x", "--seed", "one", "--context-limit", "1000"], "--seed must be an integer"],
    [["--profile", "sim-weak", "--session-dir", "/tmp/x", "--seed", "1", "--context-limit", "1000", "--bogus"], "Unknown option '--bogus'"],
  ])("exits 2 on bad arguments %j", async (args, message) => {
    const run = await runSimAgent(args, "hello", scratch);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });

  it("answers an unknown --resume id with an error result and exit 1", async () => {
    const run = await runSimAgent(["--profile", "sim-weak", "--session-dir", sessionDir(), "--seed", "1", "--context-limit", "1000", "--resume", "sim-missing"], "hi", scratch);
    expect(run.code).toBe(1);
    expect(run.events).toEqual([expect.objectContaining({ type: "result", session_id: "sim-missing", is_error: true })]);
  });

  it("speaks the JSONL protocol: init, reads of named files, the reply, the result; state persisted", async () => {
    const dir = sessionDir();
    const run = await runSimAgent(["--profile", "sim-strong", "--session-dir", dir, "--seed", "3", "--context-limit", "100000"], plan.preCompression[1]!, workspace);
    expect(run.code).toBe(0);
    const types = run.events.map((e) => e.type);
    expect(types).toEqual(["init", "tool", "assistant", "result"]);
    const [init, tool, reply, result] = run.events as [TSimEvent & { type: "init" }, TSimEvent, TSimEvent & { type: "assistant" }, TSimEvent & { type: "result" }];
    expect(tool).toEqual({ type: "tool", name: "read_file", path: "src/cache.ts" });
    expect(reply.text).toContain("`src/cache.ts` (added, 1 hunk, +32 −0) adds `CacheOptions`, `LruCache`");
    expect(result).toMatchObject({ type: "result", session_id: init.session_id, is_error: false });
    expect(result.usage.output_tokens).toBeGreaterThan(0);
    expect(result.usage.context_tokens).toBeGreaterThan(result.usage.output_tokens);
    const saved = JSON.parse(await readFile(path.join(dir, `${init.session_id}.json`), "utf8")) as { notes: { kind: string }[] };
    expect(saved.notes.map((n) => n.kind)).toEqual(["diff", "file", "reply"]);
  });

  it("resumes a session: what an earlier turn said is remembered, the session id stays", async () => {
    const session = simSession({ profile: "sim-strong", sessionDir: sessionDir(), seed: 5, contextLimit: 100_000 });
    const first = await session.turn(plan.preCompression.find((t) => t.includes(plan.superseded.statement))!, scratch);
    const id = session.sessionId;
    const question = plan.questions.find((q) => q.dimension === "SF" && q.kind === "fact")!;
    expect((await session.turn(question.prompt, scratch)).text).toContain(plan.superseded.oldValue);
    await session.turn(plan.deepDive[plan.correctionTurn]!, scratch);
    const answer = await session.turn(question.prompt, scratch);
    expect(checkGroundTruth(answer.text, question.groundTruth!)).toBe(true);
    expect(answer.events.find((e) => e.type === "init")).toEqual({ type: "init", session_id: id });
    expect(first.events[0]).toEqual({ type: "init", session_id: id });
  });

  it("answers the superseded value when it has forgotten the correction", async () => {
    const dir = sessionDir();
    const session = simSession({ profile: "sim-strong", sessionDir: dir, seed: 5, contextLimit: 100_000 });
    await session.turn(`Remember this for later: ${plan.superseded.statement}`, scratch);
    await session.turn(plan.deepDive[plan.correctionTurn]!, scratch);
    // Forget the correction by hand, as a compression may.
    const file = path.join(dir, `${session.sessionId}.json`);
    const state = JSON.parse(await readFile(file, "utf8")) as { notes: { kind: string }[] };
    state.notes = state.notes.filter((n) => n.kind !== "correction");
    await writeFile(file, JSON.stringify(state));
    const question = plan.questions.find((q) => q.dimension === "SF" && q.kind === "fact")!;
    const answer = await session.turn(question.prompt, scratch);
    expect(answer.text).toContain(plan.superseded.oldValue);
    expect(checkGroundTruth(answer.text, question.groundTruth!)).toBe(false);
  });
});

describe("sim-agent sessions", () => {
  // Large enough for pre-compression and the baseline, small enough that the deep-dive compresses.
  const LIMIT = 3_000;
  const SEEDS = [1, 2, 3];
  let runs: Promise<{ strong: TSessionRecord[]; weak: TSessionRecord[] }> | undefined;
  const comparison = () =>
    (runs ??= Promise.all(
      SEEDS.flatMap((seed) => [runWholeSession("sim-strong", seed, LIMIT), runWholeSession("sim-weak", seed, LIMIT)]),
    ).then((all) => ({ strong: all.filter((_, i) => i % 2 === 0), weak: all.filter((_, i) => i % 2 === 1) })));

  it("the strong profile answers more fact questions correctly after compression than the weak one", async () => {
    const { strong, weak } = await comparison();
    const total = (rs: TSessionRecord[], key: "baseline" | "evaluation") => rs.reduce((n, r) => n + r[key], 0);
    for (const r of [...strong, ...weak]) {
      expect(r.compressions).toBeGreaterThan(0);
      // Before compression both know the change: the difference is in what survives it. (The SF question cannot be
      // right at baseline: the correction only comes in the deep-dive, so the baseline answer is the old value.)
      expect(r.baseline).toBe(r.facts - 1);
    }
    expect(total(strong, "evaluation")).toBeGreaterThan(total(weak, "evaluation"));
    expect(total(strong, "evaluation")).toBeGreaterThanOrEqual(Math.ceil(0.6 * strong.length * strong[0]!.facts));
  });

  it("emits compression lines when the context limit is small, none when it is large", async () => {
    const { strong } = await comparison();
    const line = strong[0]!.transcript.join("").split("\n").find((l) => l.includes('"compression"'))!;
    const event = JSON.parse(line) as TSimEvent & { type: "compression" };
    expect(event).toMatchObject({ type: "compression", trigger: "auto" });
    expect(event.tokens_before).toBeGreaterThan(LIMIT);
    expect(event.tokens_after).toBeLessThan(LIMIT);
    expect((await runWholeSession("sim-weak", 1, 1_000_000)).compressions).toBe(0);
  });

  it("is deterministic: the same seed gives the same transcript, another seed another one", async () => {
    const { weak } = await comparison();
    const again = await runWholeSession("sim-weak", SEEDS[0]!, LIMIT);
    expect(again.transcript).toEqual(weak[0]!.transcript);
    expect(weak[1]!.transcript).not.toEqual(weak[0]!.transcript);
  });
});
