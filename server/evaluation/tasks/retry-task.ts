import "server-only";
import type { TCaller } from "@/server/auth/caller";
import { assertCanActOn } from "@/server/auth/permissions";
import { db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client.ts";
import { AppError } from "@/server/errors";
import { enqueueStep } from "../pipeline/enqueue-step";
import { isFinalTaskStatus } from "./task-statuses";

/**
 * Retries a finished task. Without a plan (prepare failed) it prepares again. Otherwise it re-runs only the
 * failed or cancelled runs (or every trial of the named agents); a run whose agent finished but whose judge
 * failed is only re-judged. Completed runs keep their scores.
 */
export async function retryTask(caller: TCaller, taskId: string, agents?: string[]): Promise<{ reran: number; rejudged: number; prepared: boolean }> {
  const task = await db().task.findFirst({ where: { id: taskId, orgId: caller.orgId }, include: { runs: { include: { _count: { select: { answers: true } } } } } });
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  assertCanActOn(caller, task, "retry", "task");
  if (!isFinalTaskStatus(task.status)) throw new AppError("CONFLICT", `task is ${task.status}; retry it once it has finished`);
  agents?.forEach((id, i) => {
    if (!task.agents.includes(id)) throw new AppError("INVALID_INPUT", `agents.${i}: "${id}" is not an agent of this task`, `agents.${i}`);
  });
  const owner = { orgId: task.orgId, teamId: task.teamId, userId: task.userId };
  const reset = { finishedAt: null, errorMessage: null };

  return db().$transaction(async (tx) => {
    if (!task.plan) {
      await tx.task.update({ where: { id: taskId }, data: { status: "queued", ...reset } });
      await enqueueStep(tx, owner, "eval.prepare", { taskId }, task.priority);
      return { reran: 0, rejudged: 0, prepared: true };
    }
    const chosen = task.runs.filter((r) => (agents ? agents.includes(r.agentId) : r.status === "failed" || r.status === "cancelled"));
    if (chosen.length === 0) throw new AppError("CONFLICT", "nothing to retry: no failed or cancelled runs");
    let rejudged = 0;
    await tx.task.update({ where: { id: taskId }, data: { status: "running", ...reset } });
    for (const run of chosen) {
      const judgeOnly = !agents && run.scoringError !== null && run._count.answers > 0;
      await tx.agentRun.update({
        where: { id: run.id },
        data: judgeOnly
          ? { status: "judging", scoringError: null, finishedAt: null }
          : { status: "queued", phase: null, overall: null, passed: null, scores: Prisma.DbNull, breaking: Prisma.DbNull, scoringError: null, ...reset },
      });
      await enqueueStep(tx, owner, judgeOnly ? "eval.judge" : "eval.run", { taskId, runId: run.id }, task.priority);
      if (judgeOnly) rejudged++;
    }
    return { reran: chosen.length - rejudged, rejudged, prepared: false };
  });
}
