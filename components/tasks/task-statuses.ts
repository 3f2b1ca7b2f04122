import type { TRunStatus, TTaskStatus } from "@/server/evaluation/tasks/task-schema";

// Type-only copies of TASK_STATUSES / RUN_STATUSES (importing the values would pull zod into every list page);
// the Records make the compiler insist on every status.
const TASK_ORDER: Record<TTaskStatus, number> = { queued: 0, preparing: 1, running: 2, judging: 3, completed: 4, failed: 5, cancelled: 6 };
const RUN_ORDER: Record<TRunStatus, number> = { queued: 0, running: 1, judging: 2, completed: 3, failed: 4, cancelled: 5 };

export const TASK_STATUS_LIST = (Object.keys(TASK_ORDER) as TTaskStatus[]).sort((a, b) => TASK_ORDER[a] - TASK_ORDER[b]);
export const RUN_STATUS_LIST = (Object.keys(RUN_ORDER) as TRunStatus[]).sort((a, b) => RUN_ORDER[a] - RUN_ORDER[b]);

const OPEN: TTaskStatus[] = ["queued", "preparing", "running", "judging"];
export const isOpenTask = (status: string) => (OPEN as string[]).includes(status);
