import "server-only";
import type { TTx } from "@/server/db/create-prisma";
import { enqueueStep } from "./enqueue-step";

const OPEN_RUN = ["queued", "running"] as const;

/**
 * Called in the transaction that changed a run's status. Locks the task row first so two runs finishing at the
 * same moment cannot both miss (or both start) the finish step; then moves the task along:
 * running -> judging once no run is still with its agent, and -> eval.finish once every run has settled.
 */
export async function advanceTask(tx: TTx, taskId: string): Promise<void> {
  const [task] = await tx.$queryRaw<{ status: string; orgId: string; teamId: string | null; userId: string }[]>`
    SELECT status, "orgId", "teamId", "userId" FROM "Task" WHERE id = ${taskId}::uuid FOR UPDATE`;
  if (!task || (task.status !== "running" && task.status !== "judging")) return;
  const counts = await tx.agentRun.groupBy({ by: ["status"], where: { taskId }, _count: true });
  const count = (statuses: readonly string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((n, c) => n + c._count, 0);
  if (count(OPEN_RUN) > 0) return;
  if (count(["judging"]) > 0) {
    if (task.status === "running") await tx.task.update({ where: { id: taskId }, data: { status: "judging" } });
    return;
  }
  await tx.task.update({ where: { id: taskId }, data: { status: "judging" } });
  await enqueueStep(tx, task, "eval.finish", { taskId });
}
