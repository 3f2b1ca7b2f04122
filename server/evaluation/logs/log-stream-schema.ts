import { z } from "zod";
import { ZTaskId } from "../tasks/task-schema";

// Isomorphic: GET /api/v1/logs/{taskId}/stream and the log viewer parse with these.

/** A log sequence number as sent in event ids (a non-negative integer, as text). */
export const ZLogSeq = z
  .string()
  .regex(/^\d{1,18}$/, "must be a log sequence number (a non-negative integer)")
  .transform((s) => BigInt(s));

export const ZLogStreamInput = z
  .object({
    taskId: ZTaskId,
    /** Lines after this sequence number; the Last-Event-ID header wins when both are sent. */
    after: ZLogSeq.optional(),
    /** One run's lines, plus the task-level ones (runId null). */
    runId: z.uuid({ error: "must be a run id (UUID)" }).optional(),
  })
  .strict();
export type TLogStreamInput = z.output<typeof ZLogStreamInput>;
