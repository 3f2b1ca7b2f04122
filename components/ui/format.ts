// Number and duration formatting shared by the dashboard's tables and charts. "—" stands for "no value".

export const NONE = "—";

const INTEGER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A 0..1 score with two decimals. */
export function formatScore(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(2) : NONE;
}

/** A 0..1 rate as a whole percentage. */
export function formatPercent(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? `${Math.round(value * 100)}%` : NONE;
}

export function formatInteger(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? INTEGER.format(value) : NONE;
}

export function formatTokens(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? COMPACT.format(value) : NONE;
}

export function formatCost(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? `$${value.toFixed(value < 1 ? 4 : 2)}` : NONE;
}

/** 850 ms, 12.3 s, 4 min 05 s, 2 h 10 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return NONE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "12 s ago" from a past date to now. */
export function formatAgo(value: Date, now: number): string {
  const seconds = Math.max(0, Math.round((now - value.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}
