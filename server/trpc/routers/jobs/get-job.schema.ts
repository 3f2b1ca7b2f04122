import { z } from "zod";
import { ZJobStatus } from "@/server/jobs/schema";
import { ZJobListItem } from "./list-jobs.schema";

export { ZJobIdInput as ZGetJobInput } from "@/server/jobs/schema";

export const ZJobAttempt = z.object({
  attempt: z.number().int(),
  workerId: z.string(),
  status: ZJobStatus,
  errorMessage: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

// The list item plus what only the detail shows. Deliberately no errorStack: stacks stay in the logs and the database.
export const ZGetJobOutput = ZJobListItem.extend({
  params: z.unknown(),
  result: z.unknown(),
  deadLettered: z.boolean(),
  workerId: z.string().nullable(),
  teamId: z.string().nullable(),
  attempts: z.array(ZJobAttempt),
});
export type TGetJobOutput = z.infer<typeof ZGetJobOutput>;
