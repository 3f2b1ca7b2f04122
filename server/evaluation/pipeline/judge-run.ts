import "server-only";
import { db } from "@/server/db/client";
import type { TDimension, TQuestion } from "../model";
import { JudgeError } from "../judging/judge-error";
import { scoreRun } from "../judging/score-run";
import { taskPaths } from "../storage-paths";
import { advanceTask } from "./advance-task";
import { readRepoFiles } from "./read-repo-files";
import type { TPipelineDeps } from "./pipeline-deps";

type TRunRef = { taskId: string; runId: string };

/**
 * Step 3: scores one run. A judge failure is recorded on the run (scoringError) and the job retries; after the
 * last attempt the run ends failed with its answers kept, so retrying the task re-judges it without re-running
 * the agent. Scores are never invented.
 */
export async function judgeRun(ref: TRunRef, deps: TPipelineDeps, signal: AbortSignal, isLastAttempt: boolean): Promise<unknown> {
  const run = await db().agentRun.findUnique({ where: { id: ref.runId }, include: { task: true, answers: true } });
  if (!run || run.status !== "judging") return { skipped: `run is ${run?.status ?? "gone"}` };
  const task = run.task;
  const questions = (await db().question.findMany({ where: { taskId: task.id }, orderBy: { position: "asc" } })).map(
    (q): TQuestion => ({
      id: q.key,
      dimension: q.dimension as TDimension,
      kind: q.kind as TQuestion["kind"],
      prompt: q.prompt,
      groundTruth: (q.groundTruth ?? undefined) as TQuestion["groundTruth"],
      baselineGroundTruth: (q.baselineGroundTruth ?? undefined) as TQuestion["baselineGroundTruth"],
      relevantFiles: q.relevantFiles,
    }),
  );
  const say = (message: string, level: "info" | "error" = "info") => deps.logs.append({ taskId: task.id, runId: run.id, level, message });
  const label = `${run.agentId}#${run.trial}`;

  try {
    const result = await scoreRun({
      questions,
      answers: run.answers.map((a) => ({ questionId: a.questionKey, phase: a.phase as "baseline" | "evaluation", text: a.text })),
      thresholds: task.thresholds as Partial<Record<TDimension, number>>,
      dimensions: task.dimensions as TDimension[],
      llmJudge: deps.llmJudge,
      loadCode: (paths) => readRepoFiles(taskPaths(deps.storageDir, task.id).repo, paths),
      signal,
    });
    await db().$transaction(async (tx) => {
      for (const s of result.questionScores) {
        await tx.answer.updateMany({
          where: { runId: run.id, questionKey: s.questionId, phase: s.phase },
          data: { score: s.score, judge: s.judge, rationale: s.rationale },
        });
      }
      await tx.agentRun.update({
        where: { id: run.id },
        data: {
          status: "completed",
          overall: result.overall,
          passed: result.passed,
          scores: result.dimensions,
          breaking: result.breaking,
          scoringError: null,
          finishedAt: new Date(),
        },
      });
      await advanceTask(tx, task.id);
    });
    const dims = result.dimensions.map((d) => `${d.dimension} ${d.score.toFixed(2)}`).join(", ");
    const verdict = result.passed ? "pass" : `breaks ${result.breaking.map((b) => b.dimension).join(", ") || "(nothing scored)"}`;
    const unscored = result.unscored.length ? `; ${result.unscored.length} open answer(s) unscored (no LLM judge configured)` : "";
    say(`${label}: scored ${result.overall?.toFixed(2) ?? "n/a"} (${dims}) - ${verdict}${unscored}`);
    return { overall: result.overall, passed: result.passed };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof JudgeError ? "judge failed" : "scoring failed";
    say(`${label}: ${kind}: ${message}${isLastAttempt ? "" : " (will retry)"}`, "error");
    await db().$transaction(async (tx) => {
      await tx.agentRun.update({
        where: { id: run.id },
        data: isLastAttempt ? { status: "failed", scoringError: message, finishedAt: new Date() } : { scoringError: message },
      });
      if (isLastAttempt) await advanceTask(tx, task.id);
    });
    throw error;
  } finally {
    await deps.logs.flush();
  }
}
