import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";

export type TTaskLogView = { seq: string; runId: string | null; level: string; message: string; at: string };

/** A task's log lines after a sequence number, oldest first; org-scoped (another org's task is NOT_FOUND). */
export async function readTaskLogs(
  orgId: string,
  taskId: string,
  opts: { afterSeq?: bigint; runId?: string; limit?: number } = {},
): Promise<{ lines: TTaskLogView[]; taskStatus: string }> {
  const task = await db().task.findFirst({ where: { id: taskId, orgId }, select: { status: true } });
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  const rows = await db().taskLog.findMany({
    where: { taskId, seq: { gt: opts.afterSeq ?? 0n }, ...(opts.runId ? { runId: opts.runId } : {}) },
    orderBy: { seq: "asc" },
    take: opts.limit ?? 1000,
  });
  return {
    taskStatus: task.status,
    lines: rows.map((r) => ({ seq: r.seq.toString(), runId: r.runId, level: r.level, message: r.message, at: r.at.toISOString() })),
  };
}
