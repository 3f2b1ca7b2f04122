import { z } from "zod";
import { ZLeaderboardFilter } from "@/server/evaluation/leaderboard/leaderboard-filter";
import { ZAgentId } from "@/server/evaluation/tasks/task-schema";

export const ZGetLeaderboardInput = ZLeaderboardFilter;
export const ZCompareAgentsInput = z
  .object({ agentA: ZAgentId, agentB: ZAgentId, filter: ZLeaderboardFilter.optional() })
  .strict()
  .refine((v) => v.agentA !== v.agentB, { message: "choose two different agents", path: ["agentB"] });

const ZMeanCi = z.object({ n: z.number().int(), mean: z.number().nullable(), sd: z.number().nullable(), ci95: z.object({ low: z.number(), high: z.number() }).loose().nullable() }).loose();
// The leaderboard's shape is defined by build-leaderboard.ts; the output schema checks its main fields.
export const ZGetLeaderboardOutput = z
  .object({
    runs: z.number().int(),
    tasks: z.number().int(),
    entries: z.array(z.object({ rank: z.number().int(), agentId: z.string(), runs: z.number().int(), tasks: z.number().int(), overall: ZMeanCi }).loose()),
  })
  .loose();
export const ZCompareAgentsOutput = z.object({ agentA: z.string(), agentB: z.string(), overall: z.unknown(), dimensions: z.unknown() }).loose();
