// `npm run bench:queue`: throughput and pickup latency of the job system, beside raw pg-boss and graphile-worker.
// Knobs (env): BENCH_JOBS, BENCH_RAW_JOBS, BENCH_GRAPHILE_JOBS, BENCH_REPEATS, BENCH_CHUNK, BENCH_LATENCY_JOBS,
// BENCH_ONLY=tracked,raw,graphile,latency (see config.ts); DATABASE_URL to use that database instead of a scratch one.
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./run-bench")).runBench);
