// The printed result: a table for people (each figure beside its target), then one JSON line for machines.
import { TARGETS } from "./config";
import type { TGraphileRun } from "./graphile";
import type { TLatency } from "./latency";
import { median, percentile } from "./measure";
import type { TRawRun } from "./raw";
import type { TTrackedRun } from "./tracked";

export type TResults = {
  database: string;
  config: Record<string, unknown>;
  tracked?: TTrackedRun[];
  raw?: TRawRun[];
  graphile?: TGraphileRun[];
  latency?: TLatency;
};

type TRow = [metric: string, value: string, runs: string, target: string, verdict: string];

const rate = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString("en-US")}/s` : "n/a");
const ms = (v: number) => `${v.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
// postgres = the backends serving the bench database (cpu.ts), during the drain only.
const cpu = (x: { workerCpuUs: { value: number }; pgCpuUs: { value: number } }) =>
  `${Math.round(x.workerCpuUs.value)} / ${Math.round(x.pgCpuUs.value)} µs`;

/** Median of one field over the runs, plus the individual runs for judging the spread. */
function med<T>(runs: T[], pick: (r: T) => number | undefined): { value: number; runs: string } {
  const values = runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return { value: median(values), runs: values.map((v) => Math.round(v).toLocaleString("en-US")).join(" / ") };
}

export function summarize(r: TResults) {
  const tracked = r.tracked && {
    submitPerSec: med(r.tracked, (x) => x.submitPerSec), drainPerSec: med(r.tracked, (x) => x.drainPerSec),
    combinedPerSec: med(r.tracked, (x) => x.combinedPerSec), dbSpanPerSec: med(r.tracked, (x) => x.dbSpanPerSec),
    peakRssMb: Math.max(0, ...r.tracked.map((x) => x.peakRssMb ?? 0)),
    statusEventsPerSec: med(r.tracked, (x) => x.statusEventsPerSec), statusNotifiesPerSec: med(r.tracked, (x) => x.statusNotifiesPerSec),
    statusKeysMissed: Math.max(...r.tracked.map((x) => Number(r.config.trackedJobs) - x.statusKeysSeen)),
    workerCpuUs: med(r.tracked, (x) => x.workerCpuUs), pgCpuUs: med(r.tracked, (x) => x.pgCpuUs),
  };
  const raw = r.raw && {
    insertPerSec: med(r.raw, (x) => x.insertPerSec), drainPerSec: med(r.raw, (x) => x.drainPerSec),
    workerCpuUs: med(r.raw, (x) => x.workerCpuUs), pgCpuUs: med(r.raw, (x) => x.pgCpuUs),
  };
  const graphile = r.graphile && { addPerSec: med(r.graphile, (x) => x.addPerSec), drainPerSec: med(r.graphile, (x) => x.drainPerSec) };
  const overhead = tracked && raw ? 1 - tracked.drainPerSec.value / raw.drainPerSec.value : undefined;
  const pick = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99), max: Math.max(...xs) });
  const latency = r.latency && { client: pick(r.latency.clientMs), db: pick(r.latency.dbMs), peakRssMb: r.latency.peakRssMb };
  return { tracked, raw, graphile, overhead, latency };
}

export function printReport(r: TResults): void {
  const s = summarize(r);
  const rows: TRow[] = [];
  if (s.tracked) {
    const t = s.tracked;
    rows.push(["tracked submit (submitJobs)", rate(t.submitPerSec.value), t.submitPerSec.runs, "", ""]);
    rows.push([`tracked drain, 1 worker ${String(r.config.workerQueues)}`, rate(t.drainPerSec.value), t.drainPerSec.runs, `>= ${TARGETS.trackedJobsPerSec}/s`, verdict(t.drainPerSec.value >= TARGETS.trackedJobsPerSec)]);
    rows.push(["  same, db clock (1st start→last finish)", rate(t.dbSpanPerSec.value), t.dbSpanPerSec.runs, "", ""]);
    rows.push(["tracked submit+drain combined (excl. worker start)", rate(t.combinedPerSec.value), t.combinedPerSec.runs, "", ""]);
    rows.push(["  CPU per job: worker / postgres", cpu(t), "", "", ""]);
    rows.push(["worker peak RSS (VmHWM)", `${t.peakRssMb} MiB`, "", "", ""]);
    rows.push([
      "status notifications: events in → NOTIFYs out",
      `${rate(t.statusEventsPerSec.value)} → ${rate(t.statusNotifiesPerSec.value)}`, t.statusNotifiesPerSec.runs,
      "coalesced, every job named", verdict(t.statusKeysMissed === 0 && t.statusNotifiesPerSec.value < t.statusEventsPerSec.value / 20),
    ]);
  }
  if (s.raw) {
    rows.push(["raw pg-boss insert", rate(s.raw.insertPerSec.value), s.raw.insertPerSec.runs, "", ""]);
    rows.push(["raw pg-boss drain (empty handler)", rate(s.raw.drainPerSec.value), s.raw.drainPerSec.runs, "", ""]);
    rows.push(["  CPU per job: worker / postgres", cpu(s.raw), "", "", ""]);
  }
  if (s.overhead !== undefined) {
    rows.push(["tracking overhead 1 − tracked/raw", `${(s.overhead * 100).toFixed(1)}%`, "", `<= ${TARGETS.maxTrackingOverhead * 100}%`, verdict(s.overhead <= TARGETS.maxTrackingOverhead)]);
  }
  if (s.graphile) {
    rows.push(["graphile-worker addJobs", rate(s.graphile.addPerSec.value), s.graphile.addPerSec.runs, "", ""]);
    rows.push(["graphile-worker drain (concurrency 10)", rate(s.graphile.drainPerSec.value), s.graphile.drainPerSec.runs, "", ""]);
  }
  if (s.latency) {
    const c = s.latency.client;
    const d = s.latency.db;
    rows.push(["pickup p50 (after commit → handler start)", ms(c.p50), "", `< ${TARGETS.pickupP50Ms} ms`, verdict(c.p50 < TARGETS.pickupP50Ms)]);
    rows.push(["pickup p95", ms(c.p95), "", "", ""]);
    rows.push(["pickup p99", ms(c.p99), "", `< ${TARGETS.pickupP99Ms} ms`, verdict(c.p99 < TARGETS.pickupP99Ms)]);
    rows.push(["pickup max", ms(c.max), "", "", ""]);
    rows.push(["  createdAt-based p50 / p99 / max", `${ms(d.p50)} / ${ms(d.p99)} / ${ms(d.max)}`, "", "", ""]);
  }
  const header: TRow = ["metric", "median", "runs", "target", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: TRow) => row.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  console.log(`\nqueue bench — ${r.database} — ${JSON.stringify(r.config)}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  // Latency samples are summarized, not listed, to keep the line short.
  const latency = r.latency && { samples: r.latency.clientMs.length, peakRssMb: r.latency.peakRssMb };
  console.log(JSON.stringify({ bench: "queue", ...r, latency, summary: s }));
}
