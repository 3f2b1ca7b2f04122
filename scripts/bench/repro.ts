// Isolated reproduction of one tracked batch, timed step by step from the worker's side:
// `node --import tsx scripts/bench/repro.ts` (BENCH_REPRO_BATCHES, default 40, of 100 jobs; DATABASE_URL optional;
// BENCH_REPRO_DDL: SQL run first, to time a what-if schema such as a dropped index — use a scratch database for that).
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./repro-run")).reproBatches);
