// Where does a drain spend its time? `node --import tsx scripts/bench/profile.ts tracked|raw [--cpu-prof]`
// Submits BENCH_JOBS jobs, then drains them with one worker while measuring CPU of the worker and of the PostgreSQL
// backends of the bench database and, when the server preloads pg_stat_statements, the statements that dominate. --cpu-prof writes a V8 profile of the worker to BENCH_PROF_DIR.
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./profile-run")).profileDrain);
