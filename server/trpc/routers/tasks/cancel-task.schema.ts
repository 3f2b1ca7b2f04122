import { z } from "zod";

export { ZTaskIdInput as ZCancelTaskInput } from "@/server/evaluation/tasks/task-schema";
export const ZCancelTaskOutput = z.object({ cancelledJobs: z.number().int() });
