import "server-only";
import { db } from "@/server/db/client";
import { buildLeaderboard, type TLeaderboard, type TLeaderboardRow } from "./build-leaderboard";
import { toRow } from "./run-to-row";
import { compareAgents, type TAgentComparison } from "./compare-agents";
import type { TLeaderboardFilter } from "./leaderboard-filter";

/** Scored runs of one org as leaderboard rows; the filter narrows in SQL. */
export async function loadLeaderboardRows(orgId: string, filter: TLeaderboardFilter): Promise<TLeaderboardRow[]> {
  const runs = await db().agentRun.findMany({
    where: {
      orgId,
      status: "completed",
      overall: { not: null },
      ...(filter.taskId ? { taskId: filter.taskId } : {}),
      ...(filter.from || filter.to ? { finishedAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
      task: { orgId, ...(filter.repository ? { repository: filter.repository } : {}), ...(filter.teamId ? { teamId: filter.teamId } : {}) },
    },
    select: {
      taskId: true, agentId: true, trial: true, overall: true, passed: true, scores: true, durationMs: true, inputTokens: true,
      outputTokens: true, costUsd: true, finishedAt: true, _count: { select: { compressions: true } },
      task: { select: { repository: true, teamId: true } },
    },
    take: 50_000,
  });
  return runs.map(toRow);
}

export async function queryLeaderboard(orgId: string, filter: TLeaderboardFilter): Promise<TLeaderboard> {
  return buildLeaderboard(await loadLeaderboardRows(orgId, filter), filter);
}

export async function queryComparison(orgId: string, agentA: string, agentB: string, filter: TLeaderboardFilter): Promise<TAgentComparison> {
  return compareAgents(await loadLeaderboardRows(orgId, filter), agentA, agentB);
}
