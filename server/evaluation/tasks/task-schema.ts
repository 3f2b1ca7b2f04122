import { z } from "zod";
import { DEFAULT_THRESHOLD, DIMENSIONS } from "../model";
import { RUN_STATUSES, TASK_STATUSES } from "./task-statuses";
import { ZTaskSource } from "../source/source-input";

// Isomorphic: the new-task form, tRPC and /api/v1 parse with these same objects.
export { RUN_STATUSES, TASK_STATUSES, type TRunStatus, type TTaskStatus } from "./task-statuses";
export const ZTaskStatus = z.enum(TASK_STATUSES);
export const ZRunStatus = z.enum(RUN_STATUSES);

// PostgreSQL text cannot hold NUL: refuse it at the boundary instead of failing in the database.
const NO_NUL = /^[^\u0000]*$/;

export const ZAgentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be an agent id such as sim-strong or claude (lowercase letters, digits, . _ -)");

export const ZDimension = z.enum(DIMENSIONS, { error: `must be one of ${DIMENSIONS.join(", ")}` });

export const ZTaskId = z.uuid({ error: "must be a task id (UUID)" });

export const ZCreateTaskInput = z
  .object({
    title: z.string().trim().max(200).optional(),
    source: ZTaskSource,
    agents: z
      .array(ZAgentId)
      .min(1, "choose at least one agent")
      .max(16, "at most 16 agents")
      .refine((ids) => new Set(ids).size === ids.length, "each agent at most once (use trials for repeats)"),
    dimensions: z.array(ZDimension).min(1, "choose at least one dimension").default([...DIMENSIONS]),
    /** Pass threshold per dimension, 0..1; default 0.7. */
    thresholds: z.partialRecord(ZDimension, z.number().min(0).max(1)).default({}),
    maxFiles: z.number().int().min(1, "maxFiles must be at least 1").max(50, "maxFiles must be at most 50").default(10),
    maxTurns: z.number().int().min(1).max(200).default(12),
    contextTokenLimit: z.number().int().min(1000).max(2_000_000).default(12_000),
    trials: z.number().int().min(1).max(10).default(1),
    priority: z.number().int().min(1).max(10).default(5),
    /** Seeds the question set and the sim agents; random when omitted. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();
export type TCreateTaskInput = z.input<typeof ZCreateTaskInput>;
export type TCreateTask = z.output<typeof ZCreateTaskInput>;

export { DEFAULT_THRESHOLD };

export const ZListTasksInput = z
  .object({
    status: z.array(ZTaskStatus).max(TASK_STATUSES.length).optional(),
    agent: ZAgentId.optional(),
    repository: z.string().max(300).regex(NO_NUL, "must not contain NUL characters").optional(),
    /** Matches the title or the repository. */
    text: z.string().max(200).regex(NO_NUL, "must not contain NUL characters").optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type TListTasksInput = z.input<typeof ZListTasksInput>;

export const ZTaskIdInput = z.object({ id: ZTaskId }).strict();

export const ZRetryTaskInput = z
  .object({
    id: ZTaskId,
    /** Re-run these agents (all their trials); default: only the failed or cancelled runs. */
    agents: z.array(ZAgentId).max(16).optional(),
  })
  .strict();
