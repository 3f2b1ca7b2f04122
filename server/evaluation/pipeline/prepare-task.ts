import "server-only";
import { rm } from "node:fs/promises";
import { db } from "@/server/db/client";
import type { TChangeFacts, TSessionPlan } from "../model";
import { prepareSource } from "../source/prepare-source";
import { SourceError } from "../source/source-error";
import { ZTaskSource } from "../source/source-input";
import { buildSessionPlan } from "../questions/build-session-plan";
import { taskPaths } from "../storage-paths";
import { enqueueStep } from "./enqueue-step";
import type { TPipelineDeps } from "./pipeline-deps";

/**
 * Step 1: clone, diff, extract facts, build the question set; then create one run per agent and trial and queue
 * them all with the task's move to "running", in one transaction. A bad source fails the task with the
 * source's own message (not retried: cloning the same bad URL again will not help); other errors retry.
 */
export async function prepareTask(taskId: string, deps: TPipelineDeps, signal: AbortSignal): Promise<{ runs: number } | { skipped: string }> {
  const task = await db().task.findUnique({ where: { id: taskId } });
  if (!task) return { skipped: "task deleted" };
  if (task.status !== "queued" && task.status !== "preparing") return { skipped: `task is ${task.status}` };
  await db().task.update({ where: { id: taskId }, data: { status: "preparing", startedAt: task.startedAt ?? new Date(), errorMessage: null } });
  const say = (message: string, level: "info" | "error" = "info") => deps.logs.append({ taskId, runId: null, level, message });

  const paths = taskPaths(deps.storageDir, taskId);
  let facts: TChangeFacts;
  let plan: TSessionPlan;
  try {
    const source = ZTaskSource.parse(task.source);
    say(`Preparing ${task.repository}: cloning and diffing`);
    await rm(paths.repo, { recursive: true, force: true });
    const prepared = await prepareSource({ source, repoDir: paths.repo, maxFiles: task.maxFiles, githubToken: deps.githubToken, signal });
    facts = prepared.facts;
    say(`Change ${facts.baseSha.slice(0, 10)}..${facts.headSha.slice(0, 10)}: ${facts.totalFiles} files changed (+${facts.totalAdditions} -${facts.totalDeletions}); studying ${facts.files.length}`);
    plan = buildSessionPlan({
      facts,
      diffs: prepared.diffs,
      seed: task.seed,
      dimensions: task.dimensions as TSessionPlan["questions"][number]["dimension"][],
      maxTurns: task.maxTurns,
    });
    say(`Question set: ${plan.questions.length} questions (${plan.questions.filter((q) => q.kind === "fact").length} with ground truth)`);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    say(`Source problem: ${error.message}`, "error");
    await deps.logs.flush();
    await db().task.update({ where: { id: taskId }, data: { status: "failed", errorMessage: error.message, finishedAt: new Date() } });
    return { skipped: error.message };
  }

  const { questions, ...rest } = plan;
  const owner = { orgId: task.orgId, teamId: task.teamId, userId: task.userId };
  const runs = task.agents.flatMap((agentId) => Array.from({ length: task.trials }, (_, i) => ({ agentId, trial: i + 1 })));
  await db().$transaction(async (tx) => {
    const current = await tx.task.findUnique({ where: { id: taskId }, select: { status: true } });
    if (current?.status !== "preparing") return; // cancelled while cloning
    await tx.question.deleteMany({ where: { taskId } });
    await tx.question.createMany({
      data: questions.map((q, position) => ({
        taskId,
        key: q.id,
        dimension: q.dimension,
        kind: q.kind,
        prompt: q.prompt,
        groundTruth: q.groundTruth ?? undefined,
        baselineGroundTruth: q.baselineGroundTruth ?? undefined,
        relevantFiles: q.relevantFiles ?? [],
        position,
      })),
    });
    await tx.task.update({ where: { id: taskId }, data: { facts, plan: rest, status: "running" } });
    for (const run of runs) {
      const row = await tx.agentRun.upsert({
        where: { taskId_agentId_trial: { taskId, ...run } },
        create: { taskId, orgId: task.orgId, ...run },
        update: {},
        select: { id: true },
      });
      await enqueueStep(tx, owner, "eval.run", { taskId, runId: row.id }, task.priority);
    }
  });
  say(`Queued ${runs.length} agent run(s): ${task.agents.join(", ")} x ${task.trials} trial(s)`);
  return { runs: runs.length };
}
