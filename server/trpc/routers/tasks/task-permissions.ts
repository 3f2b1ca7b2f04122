import type { TCaller } from "@/server/auth/caller";
import { canActOn } from "@/server/auth/permissions";

const OPEN = ["queued", "preparing", "running", "judging"];

/** Which buttons the dashboard shows; the services decide for real. */
export function taskActions(caller: TCaller, task: { userId: string; status: string }): { canCancel: boolean; canRetry: boolean } {
  const mine = canActOn(caller, task);
  return { canCancel: mine && OPEN.includes(task.status), canRetry: mine && !OPEN.includes(task.status) };
}
