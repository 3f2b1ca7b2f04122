// Builds a leaderboard (global, or per task with the taskId filter) from plain run rows: one entry per agent,
// ranked by mean overall score, with per-dimension means, n and 95% intervals, pass and flip rates and costs.
import { DIMENSIONS, type TDimension } from "../model";
import type { TLeaderboardFilter } from "./leaderboard-filter";
import { flipRate, groupBy, mean, meanWithCi, passRate, type TFlipRate, type TMeanCi, type TPassRate } from "./stats";

/** One scored agent run. Runs whose scoring failed are not rows. */
export type TLeaderboardRow = {
  taskId: string;
  agentId: string;
  trial: number;
  overall: number;
  /** null (or absent) when the dimension was not scored in that run. */
  dimensions: Partial<Record<TDimension, number | null>>;
  passed: boolean;
  durationMs: number | null;
  tokens: number | null;
  costUsd: number | null;
  compressions: number | null;
  repository: string;
  teamId: string | null;
  finishedAt: Date;
};

export type TLeaderboardEntry = {
  /** Competition ranking on mean overall: equal means share a rank (1, 1, 3). */
  rank: number;
  agentId: string;
  runs: number;
  tasks: number;
  overall: TMeanCi;
  dimensions: Record<TDimension, TMeanCi>;
  passRate: TPassRate;
  flipRate: TFlipRate;
  meanDurationMs: number | null;
  meanTokens: number | null;
  meanCostUsd: number | null;
  meanCompressions: number | null;
};

export type TLeaderboard = { filter: TLeaderboardFilter; runs: number; tasks: number; entries: TLeaderboardEntry[] };

export function filterRows(rows: readonly TLeaderboardRow[], filter: TLeaderboardFilter): TLeaderboardRow[] {
  return rows.filter(
    (row) =>
      (filter.repository === undefined || row.repository === filter.repository) &&
      (filter.teamId === undefined || row.teamId === filter.teamId) &&
      (filter.taskId === undefined || row.taskId === filter.taskId) &&
      (filter.from === undefined || row.finishedAt.getTime() >= filter.from.getTime()) &&
      (filter.to === undefined || row.finishedAt.getTime() <= filter.to.getTime()),
  );
}

export function buildLeaderboard(rows: readonly TLeaderboardRow[], filter: TLeaderboardFilter = {}): TLeaderboard {
  const selected = filterRows(rows, filter);
  const entries = [...groupBy(selected, (row) => row.agentId)].map(([agentId, runs]) => summariseAgent(agentId, runs));
  entries.sort((x, y) => byScore(y.overall.mean, x.overall.mean) || byScore(y.passRate.rate, x.passRate.rate) || x.agentId.localeCompare(y.agentId));
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    entry.rank = previous && byScore(previous.overall.mean, entry.overall.mean) === 0 ? previous.rank : index + 1;
  });
  return { filter, runs: selected.length, tasks: new Set(selected.map((r) => r.taskId)).size, entries };
}

/** Compares two scores, null lowest; means within 1e-9 of each other (float noise) are equal. */
function byScore(a: number | null, b: number | null): number {
  const d = (a ?? -Infinity) - (b ?? -Infinity);
  return Number.isNaN(d) || Math.abs(d) < 1e-9 ? 0 : d;
}

function summariseAgent(agentId: string, runs: TLeaderboardRow[]): TLeaderboardEntry {
  const known = (pick: (row: TLeaderboardRow) => number | null | undefined) =>
    runs.map(pick).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return {
    rank: 0,
    agentId,
    runs: runs.length,
    tasks: new Set(runs.map((r) => r.taskId)).size,
    overall: meanWithCi(known((r) => r.overall)),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, meanWithCi(known((r) => r.dimensions[d]))])) as Record<TDimension, TMeanCi>,
    passRate: passRate(runs.map((r) => r.passed)),
    flipRate: flipRate(runs),
    meanDurationMs: mean(known((r) => r.durationMs)),
    meanTokens: mean(known((r) => r.tokens)),
    meanCostUsd: mean(known((r) => r.costUsd)),
    meanCompressions: mean(known((r) => r.compressions)),
  };
}
