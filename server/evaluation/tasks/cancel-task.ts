import "server-only";
import type { TCaller } from "@/server/auth/caller";
import { assertCanActOn } from "@/server/auth/permissions";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { cancelJobs } from "@/server/jobs/cancel-jobs";
import { pipelineDeps } from "../pipeline/pipeline-deps";
import { OPEN_RUN_STATUSES, isFinalTaskStatus } from "./task-statuses";


/**
 * Cancels a task: the task and its open runs become cancelled, then every open job of the task is cancelled,
 * which aborts running handlers and so kills the agents' process groups. Members cancel their own tasks.
 */
export async function cancelTask(caller: TCaller, taskId: string): Promise<{ cancelledJobs: number }> {
  const task = await db().task.findFirst({ where: { id: taskId, orgId: caller.orgId }, select: { status: true, userId: true } });
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  assertCanActOn(caller, task, "cancel", "task");
  if (isFinalTaskStatus(task.status)) throw new AppError("CONFLICT", `task is already ${task.status}`);

  const { logs } = pipelineDeps();
  logs.append({ taskId, runId: null, level: "warn", message: `Task cancelled by ${caller.userId}` });
  await logs.flush();
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Task" WHERE id = ${taskId}::uuid FOR UPDATE`;
    await tx.task.update({ where: { id: taskId }, data: { status: "cancelled", finishedAt: new Date(), errorMessage: `cancelled by ${caller.userId}` } });
    await tx.agentRun.updateMany({
      where: { taskId, status: { in: [...OPEN_RUN_STATUSES] } },
      data: { status: "cancelled", finishedAt: new Date(), errorMessage: "task cancelled" },
    });
  });
  const jobs = await db().job.findMany({
    where: { orgId: caller.orgId, status: { in: ["queued", "active"] }, params: { path: ["taskId"], equals: taskId } },
    select: { id: true },
  });
  // The task's jobs belong to its owner; the permission check above already decided this caller may stop them.
  const { cancelled } = jobs.length ? await cancelJobs({ ...caller, role: "admin" }, jobs.map((j) => j.id)) : { cancelled: [] };
  return { cancelledJobs: cancelled.length };
}
