import { z } from "zod";

export { ZJobIdInput as ZRetryJobInput } from "@/server/jobs/schema";

export const ZRetryJobOutput = z.object({ id: z.uuid(), status: z.literal("queued") });
export type TRetryJobOutput = z.infer<typeof ZRetryJobOutput>;
