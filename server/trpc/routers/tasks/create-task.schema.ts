import { z } from "zod";

export { ZCreateTaskInput } from "@/server/evaluation/tasks/task-schema";
export const ZCreateTaskOutput = z.object({ id: z.uuid() });
