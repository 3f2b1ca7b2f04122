import { z } from "zod";
import { ZJobStatus, ZListJobsInput } from "@/server/jobs/schema";

/**
 * The service's strict filter schema plus `direction`, which @trpc/tanstack-react-query adds to every
 * infinite-query call (next to `cursor`). The procedure drops it: pagination here only goes forward.
 */
export const ZListJobsRequest = ZListJobsInput.extend({ direction: z.enum(["forward", "backward"]).optional() });
export type TListJobsRequest = z.input<typeof ZListJobsRequest>;

export const ZJobListItem = z.object({
  id: z.string(),
  type: z.string(),
  queue: z.string(),
  priority: z.number().int(),
  status: ZJobStatus,
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  errorMessage: z.string().nullable(),
  userId: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
});
export type TJobListItemView = z.infer<typeof ZJobListItem>;

export const ZListJobsOutput = z.object({ items: z.array(ZJobListItem), nextCursor: z.string().nullable() });
export type TListJobsOutput = z.infer<typeof ZListJobsOutput>;
