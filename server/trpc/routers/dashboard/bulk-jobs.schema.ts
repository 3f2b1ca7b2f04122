import { z } from "zod";
import { BULK_ACTIONS, ZJobsFilter } from "@/server/dashboard/schema";

export const ZBulkJobsInput = z.object({ action: z.enum(BULK_ACTIONS), filter: ZJobsFilter }).strict();
export type TBulkJobsInput = z.input<typeof ZBulkJobsInput>;

/** matched: jobs in the action's states that match; affected: those actually cancelled or requeued. */
export const ZBulkJobsOutput = z.object({ matched: z.number().int(), affected: z.array(z.string()), truncated: z.boolean() });
export type TBulkJobsOutput = z.infer<typeof ZBulkJobsOutput>;
