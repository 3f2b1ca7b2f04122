import { z } from "zod";

export { ZJobIdInput as ZCancelJobInput } from "@/server/jobs/schema";

export const ZCancelJobOutput = z.object({ id: z.uuid(), status: z.literal("cancelled") });
export type TCancelJobOutput = z.infer<typeof ZCancelJobOutput>;
