import { z } from "zod";

// The request schema is the service's own (server/jobs/schema.ts): one object for tRPC, REST and the form.
export { ZSubmitJobInput, type TSubmitJobInput } from "@/server/jobs/schema";

export const ZSubmitJobOutput = z.object({ id: z.uuid() });
export type TSubmitJobOutput = z.infer<typeof ZSubmitJobOutput>;
