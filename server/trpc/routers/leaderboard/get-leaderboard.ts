import "server-only";
import { queryLeaderboard } from "@/server/evaluation/leaderboard/query-leaderboard";
import { orgProcedure } from "../../init";
import { ZGetLeaderboardInput, ZGetLeaderboardOutput } from "./leaderboard.schema";

/** Global (or, with taskId, per-task) leaderboard of the caller's org. */
export const getLeaderboardProcedure = orgProcedure
  .input(ZGetLeaderboardInput)
  .output(ZGetLeaderboardOutput)
  .query(({ ctx: { orgId }, input }) => queryLeaderboard(orgId, input));
