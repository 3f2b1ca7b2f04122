// `npm run bench:eval`: one task with 4 sim agents x 3 trials on a generated mid-size repository; prints the
// orchestration overhead per run (run wall time minus time inside the agent's processes) and the task's wall time.
// Knobs (env): BENCH_EVAL_FILES (changed files, default 24), BENCH_EVAL_TRIALS (3); DATABASE_URL to use that database.
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./eval-run")).runEvalBench);
