import "server-only";
import { db } from "@/server/db/client";
import { summarizeTask } from "../tasks/summarize-task";
import { isOpenRunStatus } from "../tasks/task-statuses";
import type { TPipelineDeps } from "./pipeline-deps";

/**
 * Step 4: the task's final status and its own leaderboard. Completed when at least one run was scored;
 * failed (with the runs' reasons) when none was. Idempotent: a second finish recomputes the same summary.
 */
export async function finishTask(taskId: string, deps: TPipelineDeps): Promise<unknown> {
  const task = await db().task.findUnique({ where: { id: taskId }, include: { runs: { include: { _count: { select: { compressions: true } } } } } });
  if (!task) return { skipped: "task deleted" };
  if (task.status === "cancelled") return { skipped: "task cancelled" };
  const open = task.runs.filter((r) => isOpenRunStatus(r.status));
  if (open.length > 0) return { skipped: `${open.length} run(s) still open` };

  const scored = task.runs.filter((r) => r.status === "completed");
  const summary = summarizeTask(task, task.runs);
  const failedReasons = task.runs.filter((r) => r.status === "failed").map((r) => `${r.agentId}#${r.trial}: ${r.scoringError ?? r.errorMessage ?? "failed"}`);
  const status = scored.length > 0 ? "completed" : "failed";
  // The last line is written before the final status, so a log stream that sees the status has every line.
  deps.logs.append({
    taskId,
    runId: null,
    level: status === "completed" ? "info" : "error",
    message: `Task ${status}: ${scored.length} of ${task.runs.length} run(s) scored${failedReasons.length ? `; failed: ${failedReasons.join("; ")}` : ""}`,
  });
  await deps.logs.flush();
  await db().task.update({
    where: { id: taskId },
    data: {
      status,
      summary: summary as object,
      finishedAt: new Date(),
      errorMessage: status === "failed" ? `every run failed: ${failedReasons.join("; ")}`.slice(0, 2000) : null,
    },
  });
  return { status, scored: scored.length, runs: task.runs.length };
}
