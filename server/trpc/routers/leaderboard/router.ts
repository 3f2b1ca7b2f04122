import "server-only";
import { router } from "../../init";
import { compareAgentsProcedure } from "./compare-agents";
import { getLeaderboardProcedure } from "./get-leaderboard";

export const leaderboardRouter = router({ get: getLeaderboardProcedure, compare: compareAgentsProcedure });
