import { z } from "zod";
import { ZRunStatus, ZTaskStatus } from "@/server/evaluation/tasks/task-schema";
import { ZJobStatus } from "@/server/jobs/schema";

export const ZGetOverviewInput = z.void();
export const ZGetOverviewOutput = z.object({
  tasks: z.record(ZTaskStatus, z.number().int()),
  runs: z.record(ZRunStatus, z.number().int()),
  jobs: z.record(ZJobStatus, z.number().int()),
});
export type TGetOverviewOutput = z.infer<typeof ZGetOverviewOutput>;
