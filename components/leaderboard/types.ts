import type { TLeaderboard, TLeaderboardEntry } from "@/server/evaluation/leaderboard/build-leaderboard";
import type { TAgentComparison } from "@/server/evaluation/leaderboard/compare-agents";
import type { TMeanCi } from "@/server/evaluation/leaderboard/stats";

// leaderboard.get / compare declare loose output schemas (build-leaderboard.ts owns the shape); these are the
// shapes those functions return, type-only.
export type { TAgentComparison, TLeaderboard, TLeaderboardEntry, TMeanCi };

export const LEADERBOARD_DIMENSIONS = ["AR", "TTL", "LRU", "SF"] as const;
