import { z } from "zod";
import { ZListJobsInput } from "@/server/jobs/schema";

// Isomorphic shapes of the dashboard's own reads and bulk actions (the pages import these; zod only).

/** Throughput windows: how far back, and how wide each bar is. */
export const THROUGHPUT_RANGES = {
  "1h": { seconds: 3600, bucketSeconds: 60 },
  "24h": { seconds: 86_400, bucketSeconds: 3600 },
  "7d": { seconds: 7 * 86_400, bucketSeconds: 6 * 3600 },
} as const;
export type TThroughputRange = keyof typeof THROUGHPUT_RANGES;
export const ZThroughputRange = z.enum(Object.keys(THROUGHPUT_RANGES) as [TThroughputRange, ...TThroughputRange[]]);

/** The jobs list's filters without paging: "everything matching" for bulk actions. */
export const ZJobsFilter = ZListJobsInput.omit({ limit: true, cursor: true });
export type TJobsFilter = z.input<typeof ZJobsFilter>;

export const BULK_ACTIONS = ["cancel", "retry"] as const;
export type TBulkAction = (typeof BULK_ACTIONS)[number];
/** At most this many jobs per bulk call; the answer says when more matched. */
export const BULK_MATCH_LIMIT = 5000;
