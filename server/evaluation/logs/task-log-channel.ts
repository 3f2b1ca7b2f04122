import "server-only";
import { jobNotifier } from "@/server/notify/job-notifier";

/** LISTEN channel announcing new log lines; the payload is a JSON array of task ids (coalesced, ~100 ms). */
export const TASK_LOG_CHANNEL = "mb_task_log";

/** Tells every web process that a task has new lines (readers then fetch past their last sequence number). */
export function notifyTaskLog(taskId: string): void {
  jobNotifier().notify(TASK_LOG_CHANNEL, taskId);
}
