import type { TDimension, TDimensionScore } from "../model";
import type { TLeaderboardRow } from "./build-leaderboard";

export type TScoredRun = {
  taskId: string; agentId: string; trial: number; overall: number | null; passed: boolean | null; scores: unknown;
  durationMs: number | null; inputTokens: number; outputTokens: number; costUsd: number | null; finishedAt: Date | null;
  _count: { compressions: number };
};

/** A stored run as a leaderboard row (tokens = input + output, as the CLI reported them). */
export function toRow(run: TScoredRun & { task: { repository: string; teamId: string | null } }): TLeaderboardRow {
  const scores = (run.scores ?? []) as TDimensionScore[];
  return {
    taskId: run.taskId,
    agentId: run.agentId,
    trial: run.trial,
    overall: run.overall ?? 0,
    dimensions: Object.fromEntries(scores.map((s) => [s.dimension, s.score])) as Partial<Record<TDimension, number>>,
    passed: run.passed ?? false,
    durationMs: run.durationMs,
    tokens: run.inputTokens + run.outputTokens,
    costUsd: run.costUsd,
    compressions: run._count.compressions,
    repository: run.task.repository,
    teamId: run.task.teamId,
    finishedAt: run.finishedAt ?? new Date(0),
  };
}

