import { z } from "zod";
import { ZJobStatus } from "@/server/jobs/schema";

export { ZJobIdInput as ZGetJobInput } from "@/server/jobs/schema";

export const ZJobAttempt = z.object({
  attempt: z.number().int(),
  workerId: z.string(),
  status: ZJobStatus,
  errorMessage: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

// Deliberately no errorStack: stacks stay in the logs and the database.
export const ZGetJobOutput = z.object({
  id: z.string(),
  type: z.string(),
  queue: z.string(),
  priority: z.number().int(),
  params: z.unknown(),
  result: z.unknown(),
  status: ZJobStatus,
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  errorMessage: z.string().nullable(),
  deadLettered: z.boolean(),
  workerId: z.string().nullable(),
  userId: z.string(),
  teamId: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  attempts: z.array(ZJobAttempt),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
});
export type TGetJobOutput = z.infer<typeof ZGetJobOutput>;
