import { z } from "zod";
import { ZLeaderboardFilter } from "@/server/evaluation/leaderboard/leaderboard-filter";
import { ZAgentId, ZTaskId } from "@/server/evaluation/tasks/task-schema";
import { ZGetRunOutput } from "@/server/trpc/routers/runs/get-run.schema";
import { ZRunView } from "@/server/trpc/routers/tasks/task.schema";

// Isomorphic: shapes that exist only on /api/v1 (compositions of procedure outputs) and its path parameters.

export const ZTaskPathParams = z.object({ id: ZTaskId }).strict();
export const ZTaskAgentPathParams = z.object({ id: ZTaskId, agent: ZAgentId }).strict();

export const ZTaskAgentsOutput = z.object({
  taskId: z.string(),
  agents: z.array(z.object({ agentId: z.string(), runs: z.array(ZRunView) })),
});

/** One agent's runs on a task with answers, scores (with the judges' rationale) and breaking dimensions. */
export const ZTaskAgentOutput = z.object({
  taskId: z.string(),
  agentId: z.string(),
  runs: z.array(ZGetRunOutput.omit({ transcript: true })),
});

export const ZComparisonQuery = z
  .object({
    /** Default: the task's first agent. */
    agentA: ZAgentId.optional(),
    /** Default: the task's second agent. */
    agentB: ZAgentId.optional(),
  })
  .strict();

/**
 * The leaderboard filter as query parameters: dates must look like dates here (JavaScript's Date parser reads
 * "' OR '1'='1" as 2001-01-01). The strings go on to the procedure, which applies its own date rules.
 */
const ZDateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, "must be a date (YYYY-MM-DD) or an ISO 8601 timestamp");
export const ZLeaderboardQuery = z.object({ ...ZLeaderboardFilter.shape, from: ZDateParam.optional(), to: ZDateParam.optional() }).strict();
export const ZLeaderboardExportQuery = ZLeaderboardQuery.extend({ format: z.enum(["json", "csv"]).default("json") });

/** POST /api/v1/jobs/{type}: the job type comes from the path. */
export const ZJobTypePathParams = z.object({ id: z.string().min(1).max(100) }).strict();
