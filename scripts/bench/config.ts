// Bench knobs (env) and the targets the figures are judged against. Defaults keep the whole run under ~2 min on 2 cores.

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export type TBenchConfig = ReturnType<typeof loadConfig>;

export function loadConfig() {
  const jobs = intEnv("BENCH_JOBS", 10_000);
  return {
    /** Tracked system.noop jobs per repetition. */
    trackedJobs: jobs,
    rawJobs: intEnv("BENCH_RAW_JOBS", jobs),
    graphileJobs: intEnv("BENCH_GRAPHILE_JOBS", jobs),
    /** Repetitions of each throughput measurement; the median is reported. */
    repeats: Math.max(1, intEnv("BENCH_REPEATS", 3)),
    /** Jobs per submitJobs / boss.insert / addJobs call. */
    chunk: Math.max(1, intEnv("BENCH_CHUNK", 1000)),
    latencyJobs: intEnv("BENCH_LATENCY_JOBS", 200),
    /** The app worker's --queues (the target is stated for system:2; other values are for exploring). */
    workerQueues: process.env.BENCH_WORKER_QUEUES || "system:2",
    /** Gives up on a drain after this long (a stuck worker must not hang the bench). */
    drainTimeoutMs: intEnv("BENCH_DRAIN_TIMEOUT_MS", 120_000),
    /** Comma-separated subset of: tracked,raw,graphile,latency (default: all). */
    only: new Set((process.env.BENCH_ONLY || "tracked,raw,graphile,latency").split(",").map((s) => s.trim())),
  };
}

export const TARGETS = {
  trackedJobsPerSec: 1000,
  maxTrackingOverhead: 0.25,
  pickupP50Ms: 10,
  pickupP99Ms: 50,
} as const;

/** What every measurement gets: the database, a small pool for probes (not the app's pools), the knobs. */
export type TBenchCtx = { url: string; probe: import("pg").Pool; cfg: TBenchConfig; log: (line: string) => void };
