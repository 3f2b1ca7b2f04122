import { buildLeaderboard, type TLeaderboard } from "../leaderboard/build-leaderboard";
import { toRow, type TScoredRun } from "../leaderboard/run-to-row";

/** The task's own leaderboard, stored on the task by finish: its completed (scored) runs ranked by overall. */
export function summarizeTask(
  task: { id: string; repository: string; teamId: string | null },
  runs: (TScoredRun & { status: string })[],
): TLeaderboard {
  const rows = runs.filter((r) => r.status === "completed" && r.overall !== null).map((r) => toRow({ ...r, task }));
  return buildLeaderboard(rows, { taskId: task.id });
}
