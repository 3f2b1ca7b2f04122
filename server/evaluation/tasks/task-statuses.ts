// Task and run statuses and their groups, with no imports, so pages, services and the log stream share them
// without pulling zod into the browser.
export const TASK_STATUSES = ["queued", "preparing", "running", "judging", "completed", "failed", "cancelled"] as const;
export type TTaskStatus = (typeof TASK_STATUSES)[number];

export const RUN_STATUSES = ["queued", "running", "judging", "completed", "failed", "cancelled"] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

/** A task in one of these is over: retry may start it again, cancel may not. */
export const FINAL_TASK_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly TTaskStatus[];
export const isFinalTaskStatus = (status: string) => (FINAL_TASK_STATUSES as readonly string[]).includes(status);

/** Runs not yet settled: with their agent or their judge. */
export const OPEN_RUN_STATUSES = ["queued", "running", "judging"] as const satisfies readonly TRunStatus[];
export const isOpenRunStatus = (status: string) => (OPEN_RUN_STATUSES as readonly string[]).includes(status);
