import "server-only";
import { appendFile, mkdir, rm } from "node:fs/promises";
import { db } from "@/server/db/client";
import { openAgentSession } from "@/server/agents/registry";
import type { TAgentSession, TAgentTurnResult } from "@/server/agents/types";
import type { TSessionPhase, TSessionPlan } from "../model";
import { taskPaths } from "../storage-paths";
import { advanceTask } from "./advance-task";
import { enqueueStep } from "./enqueue-step";
import type { TPipelineDeps } from "./pipeline-deps";

type TRunRef = { taskId: string; runId: string };
type TStoredPlan = Omit<TSessionPlan, "questions">;

/**
 * Step 2: one agent, one trial, through the five phases of DESIGN section 4. Every turn goes to the transcript
 * (JSONL) and the task log; usage and compressions to the run. On success the run moves to "judging" and its
 * judge job is queued in the same transaction. Cancellation aborts `signal`, which kills the agent's process group.
 */
export async function runAgent(ref: TRunRef, deps: TPipelineDeps, signal: AbortSignal, isLastAttempt: boolean): Promise<unknown> {
  const run = await db().agentRun.findUnique({ where: { id: ref.runId }, include: { task: true } });
  if (!run) return { skipped: "run deleted" };
  if (run.status !== "queued" && run.status !== "running") return { skipped: `run is ${run.status}` };
  const task = run.task;
  if (task.status === "cancelled") return { skipped: "task cancelled" };
  const plan = task.plan as unknown as TStoredPlan;
  const questions = await db().question.findMany({ where: { taskId: task.id }, orderBy: { position: "asc" } });

  // A retried attempt starts the session over: clear what the previous attempt recorded.
  const started = new Date();
  await db().$transaction([
    db().answer.deleteMany({ where: { runId: run.id } }),
    db().compressionEvent.deleteMany({ where: { runId: run.id } }),
    db().agentRun.update({
      where: { id: run.id },
      data: { status: "running", phase: null, startedAt: started, turns: 0, inputTokens: 0, outputTokens: 0, costUsd: null, errorMessage: null, scoringError: null },
    }),
  ]);

  const paths = taskPaths(deps.storageDir, task.id).run(run.id);
  await rm(paths.dir, { recursive: true, force: true });
  await mkdir(paths.emptyWorkspace, { recursive: true });
  const repoDir = taskPaths(deps.storageDir, task.id).repo;
  const say = (message: string, level: "info" | "warn" | "error" = "info") => deps.logs.append({ taskId: task.id, runId: run.id, level, message });
  const label = `${run.agentId}#${run.trial}`;
  say(`${label}: starting (context limit ${task.contextTokenLimit} tokens, max ${task.maxTurns} deep-dive turns)`);

  let session: TAgentSession | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  const totals = { turns: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, agentMs: 0, compressions: 0 };
  try {
    session = await openAgentSession(deps.agents, run.agentId, {
      runDir: paths.home,
      seed: task.seed * 31 + run.trial,
      contextTokenLimit: task.contextTokenLimit,
      onLine: ({ stream, line }) => say(`${label} ${stream}: ${line}`, stream === "stderr" ? "warn" : "info"),
    });
    const agent = session;

    const turn = async (phase: TSessionPhase, prompt: string, cwd: string): Promise<TAgentTurnResult> => {
      signal.throwIfAborted();
      const number = totals.turns + 1;
      say(`${label} turn ${number} (${phase}): ${firstLine(prompt)}`);
      const result = await agent.turn(prompt, { cwd, signal, timeoutMs: deps.turnTimeoutMs });
      signal.throwIfAborted();
      if (result.isError || (result.exitCode !== 0 && result.text === "")) {
        const why = result.timedOut ? `timed out after ${deps.turnTimeoutMs / 1000} s` : (result.error ?? `exited with code ${result.exitCode}`);
        throw new Error(`${run.agentId} failed on turn ${number} (${phase}): ${why}`);
      }
      totals.turns = number;
      totals.inputTokens += result.usage.inputTokens;
      totals.outputTokens += result.usage.outputTokens;
      totals.costUsd += result.usage.costUsd ?? 0;
      totals.agentMs += result.durationMs;
      totals.compressions += result.compressions.length;
      await appendFile(paths.transcript, `${JSON.stringify({ at: new Date().toISOString(), turn: number, phase, prompt, reply: result.text, usage: result.usage, compressions: result.compressions, durationMs: result.durationMs, sessionId: result.sessionId })}\n`);
      for (const c of result.compressions) {
        say(`${label} compression (${c.trigger}, seen in ${c.source}): ${c.tokensBefore ?? "?"} -> ${c.tokensAfter ?? "?"} tokens`, "warn");
      }
      // One statement per turn (two when the memory compressed): the per-run overhead budget is < 1 s.
      const progress = db().agentRun.update({
        where: { id: run.id },
        data: { phase, sessionId: result.sessionId || undefined, turns: number, inputTokens: totals.inputTokens, outputTokens: totals.outputTokens, costUsd: totals.costUsd || null },
      });
      const compressions = result.compressions.map((c) => ({ runId: run.id, turn: number, phase, trigger: c.trigger, tokensBefore: c.tokensBefore ?? null, tokensAfter: c.tokensAfter ?? null, source: c.source }));
      // Written behind the agent's next turn (in order, one chain per run); awaited before the run settles.
      writes = writes.then(async () => {
        if (compressions.length === 0) await progress;
        else await db().$transaction([db().compressionEvent.createMany({ data: compressions }), progress]);
      });
      say(`${label} reply (${result.usage.inputTokens}+${result.usage.outputTokens} tokens, ${result.durationMs} ms): ${firstLine(result.text)}`);
      return result;
    };

    const ask = async (phase: "baseline" | "evaluation", cwd: string) => {
      // Answers are written once per phase: a run that dies midway starts over anyway.
      const answers = [];
      for (const q of questions) answers.push({ runId: run.id, questionKey: q.key, phase, text: (await turn(phase, q.prompt, cwd)).text });
      await db().answer.createMany({ data: answers });
    };

    for (const prompt of plan.preCompression) await turn("pre-compression", prompt, repoDir);
    await ask("baseline", repoDir);
    if (totals.compressions > 0) {
      say(`${label}: memory compressed before the deep-dive (${totals.compressions}x); the baseline already reflects it - raise the context limit for a clean retention reading`, "warn");
    }
    // Deep-dive until the agent's memory compresses (after the correction has been said) or maxTurns.
    const compressionsBefore = totals.compressions;
    for (const [i, prompt] of plan.deepDive.slice(0, Math.max(task.maxTurns, plan.correctionTurn + 1)).entries()) {
      await turn("deep-dive", prompt, repoDir);
      if (i >= plan.correctionTurn && totals.compressions > compressionsBefore) break;
    }
    if (totals.compressions === compressionsBefore) say(`${label}: no compression within ${task.maxTurns} deep-dive turns`, "warn");
    await turn("memory-only", plan.memoryOnly, paths.emptyWorkspace);
    await ask("evaluation", paths.emptyWorkspace);

    await writes;
    await db().$transaction(async (tx) => {
      const updated = await tx.agentRun.updateMany({
        where: { id: run.id, status: "running" },
        data: { status: "judging", phase: null, durationMs: Date.now() - started.getTime(), agentMs: Math.round(totals.agentMs) },
      });
      if (updated.count === 0) return; // cancelled meanwhile
      await enqueueStep(tx, task, "eval.judge", ref, task.priority);
      await advanceTask(tx, task.id);
    });
    say(`${label}: finished ${totals.turns} turns, ${totals.compressions} compression(s); judging`);
    return { turns: totals.turns, compressions: totals.compressions };
  } catch (error) {
    await writes.catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    if (signal.aborted) {
      say(`${label}: stopped (${String(signal.reason ?? "aborted")})`, "warn");
      await settleFailedRun(ref, "cancelled", "stopped: the task was cancelled or timed out", started);
      throw error;
    }
    say(`${label}: failed: ${message}`, "error");
    if (isLastAttempt) await settleFailedRun(ref, "failed", message, started);
    throw error;
  } finally {
    await session?.dispose().catch((error) => say(`${label}: cleanup failed: ${String(error)}`, "warn"));
    await deps.logs.flush();
  }
}

/** A run that will not be retried: record why and let the task move on; siblings are unaffected. */
async function settleFailedRun(ref: TRunRef, status: "failed" | "cancelled", message: string, started: Date): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.agentRun.updateMany({
      where: { id: ref.runId, status: { in: ["queued", "running"] } },
      data: { status, errorMessage: message, phase: null, finishedAt: new Date(), durationMs: Date.now() - started.getTime() },
    });
    await advanceTask(tx, ref.taskId);
  });
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
