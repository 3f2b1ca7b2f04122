import { z } from "zod";
import { ZJobStatus } from "@/server/jobs/schema";

export const ZListQueuesInput = z.void();

export const ZQueueView = z.object({
  name: z.string(),
  description: z.string(),
  paused: z.boolean(),
  /** The caller's org's jobs per state; pausing, though, applies to every org. */
  counts: z.record(ZJobStatus, z.number().int()),
  completedLastMinute: z.number().int(),
});
export type TQueueViewOutput = z.infer<typeof ZQueueView>;

export const ZListQueuesOutput = z.object({ queues: z.array(ZQueueView), canControl: z.boolean() });
export type TListQueuesOutput = z.infer<typeof ZListQueuesOutput>;
