// Per-turn and per-run timing of agent runs, from what the pipeline records: each run's transcript.jsonl (one line
// per CLI invocation, with `durationMs` = spawn to exit of that process, measured by run-process, and `at` = the moment
// the turn's result came back) and the AgentRun row (startedAt, durationMs = run wall time, agentMs = Σ durationMs).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { mean, percentile } from "./measure";
import type { TTurnMemory } from "./proc-memory";

export type TRunRow = {
  id: string;
  agentId: string;
  trial: number;
  status: string;
  startedAt: Date | null;
  durationMs: number | null;
  agentMs: number | null;
  turns: number;
  errorMessage: string | null;
  compressions: number;
};

export type TRunTiming = {
  run: TRunRow;
  /** Wall time of each CLI process, in turn order. */
  turnMs: number[];
  /** Per turn: time since the previous turn ended (or the run started) outside the CLI process. */
  gapMs: number[];
  /** Run wall time minus the time inside the CLI processes. */
  overheadMs: number | undefined;
  /** Max over the run's turns of the CLI process tree's sampled RSS, and of the CLI process's own VmHWM. */
  peakTreeRssKb: number | undefined;
  peakHwmKb: number | undefined;
  /** CLI invocations the memory sampler saw (should equal the turns). */
  sampledTurns: number;
};

type TTranscriptLine = { at: string; turn: number; durationMs: number };

export async function readRunTiming(storageDir: string, taskId: string, run: TRunRow, memory: TTurnMemory[]): Promise<TRunTiming> {
  const file = path.join(storageDir, taskId, "runs", run.id, "transcript.jsonl");
  const lines = (await readFile(file, "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TTranscriptLine)
    .sort((a, b) => a.turn - b.turn);
  const turnMs = lines.map((l) => l.durationMs);
  const gapMs: number[] = [];
  let previous = run.startedAt?.getTime();
  for (const line of lines) {
    const end = Date.parse(line.at);
    if (previous !== undefined) gapMs.push(Math.max(0, end - previous - line.durationMs));
    previous = end;
  }
  const mine = memory.filter((m) => m.runId === run.id);
  return {
    run,
    turnMs,
    gapMs,
    overheadMs: run.durationMs !== null && run.agentMs !== null ? run.durationMs - run.agentMs : undefined,
    peakTreeRssKb: mine.length ? Math.max(...mine.map((m) => m.peakTreeRssKb)) : undefined,
    peakHwmKb: mine.length ? Math.max(...mine.map((m) => m.maxHwmKb)) : undefined,
    sampledTurns: mine.length,
  };
}

export type TSpread = { p50: number; p95: number; mean: number; n: number };
export const spread = (xs: number[]): TSpread => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), mean: mean(xs), n: xs.length });

/** Seconds with 2 decimals, or "-" */
export const sec = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? "-" : (ms / 1000).toFixed(2));
export const msText = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? "-" : `${Math.round(ms)}`);
export const mib = (kb: number | undefined) => (kb === undefined || !Number.isFinite(kb) || kb === 0 ? "-" : `${Math.round(kb / 1024)}`);
export const maxOf = (xs: (number | undefined)[]) => {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length ? Math.max(...known) : undefined;
};

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}
