import type { TJobStatus } from "@/server/jobs/schema";

// A type-only copy of JOB_STATUSES: importing the value would pull zod and the catalog into the browser (~140 KB).
// The Record makes the compiler insist on every status.
const ORDER: Record<TJobStatus, number> = { queued: 0, active: 1, completed: 2, failed: 3, cancelled: 4 };

export const JOB_STATUS_LIST = (Object.keys(ORDER) as TJobStatus[]).sort((a, b) => ORDER[a] - ORDER[b]);
