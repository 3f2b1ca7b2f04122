import { RUN_STATUSES, TASK_STATUSES, isFinalTaskStatus, type TRunStatus, type TTaskStatus } from "@/server/evaluation/tasks/task-statuses";

export const TASK_STATUS_LIST: readonly TTaskStatus[] = TASK_STATUSES;
export const RUN_STATUS_LIST: readonly TRunStatus[] = RUN_STATUSES;

export const isOpenTask = (status: string) => !isFinalTaskStatus(status);
