// Leaderboard and comparison exports: JSON (the view model as is) and CSV (one flat row per entry or task).
import { DIMENSIONS } from "../model";
import type { TAgentComparison } from "./compare-agents";
import type { TLeaderboard } from "./build-leaderboard";
import { toCsvTable, type TCsvCell } from "./csv";
import type { TMeanCi } from "./stats";

export function toJson(data: TLeaderboard | TAgentComparison): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

const meanColumns = (prefix: string) => [`${prefix}_mean`, `${prefix}_n`, `${prefix}_ci_low`, `${prefix}_ci_high`];
const meanCells = (m: TMeanCi): TCsvCell[] => [m.mean, m.n, m.ci95?.low, m.ci95?.high];

export function toCsv(leaderboard: TLeaderboard): string {
  const header = [
    "rank",
    "agent",
    "runs",
    "tasks",
    ...meanColumns("overall"),
    ...DIMENSIONS.flatMap(meanColumns),
    "pass_rate",
    "pass_rate_ci_low",
    "pass_rate_ci_high",
    "flip_rate",
    "flip_eligible",
    "mean_duration_ms",
    "mean_tokens",
    "mean_cost_usd",
    "mean_compressions",
  ];
  const rows = leaderboard.entries.map((e) => [
    e.rank,
    e.agentId,
    e.runs,
    e.tasks,
    ...meanCells(e.overall),
    ...DIMENSIONS.flatMap((d) => meanCells(e.dimensions[d])),
    e.passRate.rate,
    e.passRate.ci95?.low,
    e.passRate.ci95?.high,
    e.flipRate.rate,
    e.flipRate.eligible,
    e.meanDurationMs,
    e.meanTokens,
    e.meanCostUsd,
    e.meanCompressions,
  ]);
  return toCsvTable(header, rows);
}

/** One row per task both agents ran (overall and per-dimension per-task means), then a summary row. */
export function comparisonToCsv(comparison: TAgentComparison): string {
  const header = ["task", "agent_a", "agent_b", "overall_a", "overall_b", "overall_diff", ...DIMENSIONS.map((d) => `${d}_diff`)];
  const diffOf = (taskId: string) => DIMENSIONS.map((d) => comparison.dimensions[d].tasks.find((t) => t.taskId === taskId)?.diff);
  const rows: TCsvCell[][] = comparison.overall.tasks.map((t) => [t.taskId, comparison.agentA, comparison.agentB, t.a, t.b, t.diff, ...diffOf(t.taskId)]);
  rows.push(["(mean)", comparison.agentA, comparison.agentB, null, null, comparison.overall.mean, ...DIMENSIONS.map((d) => comparison.dimensions[d].mean)]);
  return toCsvTable(header, rows);
}
