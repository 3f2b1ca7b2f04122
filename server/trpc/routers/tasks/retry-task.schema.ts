import { z } from "zod";

export { ZRetryTaskInput } from "@/server/evaluation/tasks/task-schema";
export const ZRetryTaskOutput = z.object({ reran: z.number().int(), rejudged: z.number().int(), prepared: z.boolean() });
