import { z } from "zod";

export { ZJobIdInput as ZGetJobErrorInput } from "@/server/jobs/schema";
export const ZGetJobErrorOutput = z.object({ errorMessage: z.string().nullable(), errorStack: z.string().nullable() });
