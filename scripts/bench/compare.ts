// What would the proposed tracking changes buy? Drains the same tracked load with the app's worker and with the
// lean prototype (lean-worker.ts), plus raw pg-boss, interleaved per repetition:
// `node --import tsx scripts/bench/compare.ts` (BENCH_JOBS, BENCH_REPEATS; DATABASE_URL optional;
// BENCH_VARIANTS=app,raw,... name fragments to run a subset; BENCH_DDL=what-if schema SQL, scratch databases only).
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./compare-run")).compareWorkers);
