import { z } from "zod";
import { ZThroughputRange } from "@/server/dashboard/schema";
import { QUEUE_NAMES } from "@/server/jobs/queues";

export const ZGetThroughputInput = z.object({ range: ZThroughputRange.default("1h"), queue: z.enum(QUEUE_NAMES).optional() }).strict();
export const ZGetThroughputOutput = z.object({
  range: ZThroughputRange,
  bucketSeconds: z.number().int(),
  points: z.array(z.object({ at: z.date(), completed: z.number().int(), failed: z.number().int(), tasksFinished: z.number().int() })),
});
export type TGetThroughputOutput = z.infer<typeof ZGetThroughputOutput>;
