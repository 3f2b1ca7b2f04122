import type { CSSProperties, ReactNode } from "react";

// Shared look of the dashboard's recharts: axis text takes the frame's colour (light and dark), the tooltip
// reads its colours from CSS variables the frame sets per theme.
export const AXIS_TICK = { fill: "currentColor", fontSize: 11 };
export const GRID_STROKE = "rgb(161 161 170 / 0.25)";
export const TOOLTIP_STYLE: CSSProperties = {
  background: "var(--chart-tooltip-bg)",
  border: "1px solid var(--chart-tooltip-border)",
  color: "var(--chart-tooltip-fg)",
  borderRadius: 6,
  fontSize: 12,
};
export const SERIES_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9", "#a855f7", "#84cc16", "#f43f5e"];

/** A captioned figure; `summary` is the chart's content in words for screen readers. */
export function ChartFrame({ title, summary, height = 220, children }: { title: string; summary?: string; height?: number; children: ReactNode }) {
  return (
    <figure
      aria-label={title}
      className="flex flex-col gap-1 text-zinc-500 [--chart-tooltip-bg:#ffffff] [--chart-tooltip-border:#e4e4e7] [--chart-tooltip-fg:#18181b] dark:text-zinc-400 dark:[--chart-tooltip-bg:#18181b] dark:[--chart-tooltip-border:#3f3f46] dark:[--chart-tooltip-fg:#f4f4f5]"
    >
      <figcaption className="text-sm font-medium text-zinc-700 dark:text-zinc-200">{title}</figcaption>
      {summary ? <p className="sr-only">{summary}</p> : null}
      <div style={{ height }} className="w-full">
        {children}
      </div>
    </figure>
  );
}
