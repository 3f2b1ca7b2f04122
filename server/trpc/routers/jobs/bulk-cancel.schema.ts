import { z } from "zod";

export { ZJobIdsInput as ZBulkCancelInput } from "@/server/jobs/schema";

/** Only the ids actually cancelled: others were not open, not the caller's, or not in the org. */
export const ZBulkCancelOutput = z.object({ cancelled: z.array(z.string()) });
export type TBulkCancelOutput = z.infer<typeof ZBulkCancelOutput>;
