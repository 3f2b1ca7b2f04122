import { z } from "zod";
import { ZTaskId } from "@/server/evaluation/tasks/task-schema";

export const ZTaskLogsInput = z
  .object({
    id: ZTaskId,
    /** Lines after this sequence number (the last one the client has). */
    afterSeq: z.string().regex(/^\d{1,18}$/, "must be a sequence number").optional(),
    runId: z.uuid().optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();
export const ZTaskLogsOutput = z.object({
  taskStatus: z.string(),
  lines: z.array(z.object({ seq: z.string(), runId: z.string().nullable(), level: z.string(), message: z.string(), at: z.string() })),
});
