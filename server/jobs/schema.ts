import { z } from "zod";
import { JOB_TYPE_NAMES } from "./catalog";
import { QUEUE_NAMES } from "./queues";

// Isomorphic schemas for job actions, shared by tRPC, REST and the forms.
export const JOB_STATUSES = ["queued", "active", "completed", "failed", "cancelled"] as const;
export const ZJobStatus = z.enum(JOB_STATUSES);
export type TJobStatus = z.infer<typeof ZJobStatus>;

export const ZJobId = z.uuid({ error: "must be a job id (UUID)" });

export const ZSubmitJobInput = z
  .object({
    type: z.enum(JOB_TYPE_NAMES, { error: `must be one of: ${JOB_TYPE_NAMES.join(", ")}` }),
    params: z.record(z.string(), z.unknown()).default({}),
    priority: z.number().int().min(1).max(10).optional(),
    retryLimit: z.number().int().min(0).max(20).optional(),
    /** Hard timeout override, at most the type's own. */
    timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
    startAfterSeconds: z.number().int().min(0).max(30 * 86_400).optional(),
  })
  .strict();
export type TSubmitJobInput = z.input<typeof ZSubmitJobInput>;

export const ZListJobsInput = z
  .object({
    status: z.array(ZJobStatus).max(5).optional(),
    type: z.string().max(100).optional(),
    queue: z.enum(QUEUE_NAMES).optional(),
    /** Matches the id, type, error message or any text inside the params. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type TListJobsInput = z.input<typeof ZListJobsInput>;

export const ZJobIdInput = z.object({ id: ZJobId }).strict();
export const ZJobIdsInput = z.object({ ids: z.array(ZJobId).min(1).max(1000) }).strict();

export const ZQueueNameInput = z.object({ name: z.enum(QUEUE_NAMES) }).strict();
