import "server-only";
import { queryComparison } from "@/server/evaluation/leaderboard/query-leaderboard";
import { orgProcedure } from "../../init";
import { ZCompareAgentsInput, ZCompareAgentsOutput } from "./leaderboard.schema";

/** Two agents side by side on the tasks both ran: paired differences with a 95% interval. */
export const compareAgentsProcedure = orgProcedure
  .input(ZCompareAgentsInput)
  .output(ZCompareAgentsOutput)
  .query(({ ctx: { orgId }, input }) => queryComparison(orgId, input.agentA, input.agentB, input.filter ?? {}));
