import type { TCaller } from "@/server/auth/caller";
import { canActOn } from "@/server/auth/permissions";
import { isFinalTaskStatus } from "@/server/evaluation/tasks/task-statuses";


/** Which buttons the dashboard shows; the services decide for real. */
export function taskActions(caller: TCaller, task: { userId: string; status: string }): { canCancel: boolean; canRetry: boolean } {
  const mine = canActOn(caller, task);
  const final = isFinalTaskStatus(task.status);
  return { canCancel: mine && !final, canRetry: mine && final };
}
