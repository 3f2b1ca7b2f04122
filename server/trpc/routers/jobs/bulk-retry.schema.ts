import { z } from "zod";

export { ZJobIdsInput as ZBulkRetryInput } from "@/server/jobs/schema";

/** Only the ids actually requeued: others were not failed/cancelled, not the caller's, or not in the org. */
export const ZBulkRetryOutput = z.object({ retried: z.array(z.string()) });
export type TBulkRetryOutput = z.infer<typeof ZBulkRetryOutput>;
