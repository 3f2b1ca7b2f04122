import type { ReactNode } from "react";
import { AgentLabel } from "@/components/agents/agent-label";
import { formatCost, formatDuration, formatInteger, formatPercent, formatScore, formatTokens } from "@/components/ui/format";
import { LEADERBOARD_DIMENSIONS, type TLeaderboardEntry, type TMeanCi } from "./types";

export type TColumn = { key: string; label: string; title?: string; value: (e: TLeaderboardEntry) => number | string | null; render: (e: TLeaderboardEntry) => ReactNode };

/** Mean with its 95% interval and n, e.g. "0.82 [0.74, 0.90] n=6". */
export function MeanCi({ value }: { value: TMeanCi }) {
  if (value.mean === null) return <span className="text-zinc-400">—</span>;
  return (
    <span className="flex flex-col whitespace-nowrap tabular-nums">
      <span className="font-medium">{formatScore(value.mean)}</span>
      <span className="text-xs text-zinc-500 dark:text-zinc-400" title="95% confidence interval of the mean, and the number of runs">
        {value.ci95 ? `[${formatScore(value.ci95.low)}, ${formatScore(value.ci95.high)}] ` : ""}n={value.n}
      </span>
    </span>
  );
}

export const COLUMNS: TColumn[] = [
  { key: "rank", label: "Rank", value: (e) => e.rank, render: (e) => <span className="font-semibold tabular-nums">{e.rank}</span> },
  { key: "agent", label: "Agent", value: (e) => e.agentId, render: (e) => <AgentLabel agentId={e.agentId} /> },
  { key: "overall", label: "Overall", title: "Mean overall score, 95% interval, runs", value: (e) => e.overall.mean, render: (e) => <MeanCi value={e.overall} /> },
  ...LEADERBOARD_DIMENSIONS.map(
    (d): TColumn => ({ key: d, label: d, value: (e) => e.dimensions[d]?.mean ?? null, render: (e) => (e.dimensions[d] ? <MeanCi value={e.dimensions[d]} /> : "—") }),
  ),
  {
    key: "passRate",
    label: "Pass rate",
    value: (e) => e.passRate.rate,
    render: (e) => (
      <span className="tabular-nums" title={e.passRate.ci95 ? `95% CI ${formatPercent(e.passRate.ci95.low)}–${formatPercent(e.passRate.ci95.high)}` : undefined}>
        {formatPercent(e.passRate.rate)} <span className="text-xs text-zinc-400">({e.passRate.passes}/{e.passRate.n})</span>
      </span>
    ),
  },
  { key: "flipRate", label: "Flip rate", title: "Share of repeated tasks whose pass/fail changed between trials", value: (e) => e.flipRate.rate, render: (e) => formatPercent(e.flipRate.rate) },
  { key: "duration", label: "Duration", value: (e) => e.meanDurationMs, render: (e) => formatDuration(e.meanDurationMs) },
  { key: "tokens", label: "Tokens", value: (e) => e.meanTokens, render: (e) => formatTokens(e.meanTokens) },
  { key: "cost", label: "Cost", value: (e) => e.meanCostUsd, render: (e) => formatCost(e.meanCostUsd) },
  { key: "compressions", label: "Compressions", value: (e) => e.meanCompressions, render: (e) => (e.meanCompressions === null ? "—" : e.meanCompressions.toFixed(1)) },
  { key: "runs", label: "Runs", value: (e) => e.runs, render: (e) => `${formatInteger(e.runs)} on ${formatInteger(e.tasks)} task${e.tasks === 1 ? "" : "s"}` },
];
