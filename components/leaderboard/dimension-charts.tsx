"use client";

import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFrame, GRID_STROKE, SERIES_COLORS, TOOLTIP_STYLE } from "@/components/ui/chart-frame";
import { formatScore } from "@/components/ui/format";
import { DIMENSION_TITLES } from "@/server/evaluation/model";
import { LEADERBOARD_DIMENSIONS, type TLeaderboardEntry, type TMeanCi } from "./types";

type TPoint = { agent: string; mean: number; error: [number, number]; n: number };

function pointsOf(entries: TLeaderboardEntry[], pick: (e: TLeaderboardEntry) => TMeanCi | undefined): TPoint[] {
  return entries.flatMap((e) => {
    const v = pick(e);
    if (!v || v.mean === null) return [];
    // Scores live in 0..1: the drawn interval is clipped to it (the table shows the interval as computed).
    const low = Math.max(0, v.ci95?.low ?? v.mean);
    const high = Math.min(1, v.ci95?.high ?? v.mean);
    return [{ agent: e.agentId, mean: v.mean, error: [Math.max(0, v.mean - low), Math.max(0, high - v.mean)] as [number, number], n: v.n }];
  });
}

function ScoreChart({ title, points, colorOf }: { title: string; points: TPoint[]; colorOf: (agent: string) => string }) {
  const summary = points.map((p) => `${p.agent} ${formatScore(p.mean)} (n=${p.n})`).join(", ");
  return (
    <ChartFrame title={title} summary={summary || "no scored runs"}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="agent" tick={AXIS_TICK} interval={0} />
          <YAxis domain={[0, 1]} allowDataOverflow ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS_TICK} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: "rgb(161 161 170 / 0.15)" }} formatter={(value) => formatScore(Number(value))} />
          <Bar dataKey="mean" name="mean" isAnimationActive={false}>
            {points.map((p) => (
              <Cell key={p.agent} fill={colorOf(p.agent)} />
            ))}
            <ErrorBar dataKey="error" width={6} strokeWidth={1.5} stroke="currentColor" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** One chart for the overall score and one per dimension: mean per agent with its 95% interval as error bars. */
export function DimensionCharts({ entries }: { entries: TLeaderboardEntry[] }) {
  const order = [...entries].map((e) => e.agentId).sort();
  const colorOf = (agent: string) => SERIES_COLORS[order.indexOf(agent) % SERIES_COLORS.length]!;
  return (
    <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
      <ScoreChart title="Overall" points={pointsOf(entries, (e) => e.overall)} colorOf={colorOf} />
      {LEADERBOARD_DIMENSIONS.map((d) => (
        <ScoreChart key={d} title={`${d} · ${DIMENSION_TITLES[d]}`} points={pointsOf(entries, (e) => e.dimensions[d])} colorOf={colorOf} />
      ))}
    </div>
  );
}
