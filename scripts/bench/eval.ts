// `npm run bench:eval`: two parts on one scratch database (flags and env in eval-options.ts).
// - sim agents: one task with 4 sim agents x 3 trials on a generated mid-size repository; orchestration overhead per
//   run (run wall time minus time inside the agent's processes) and the task's wall time. Knobs (env): BENCH_EVAL_FILES
//   (changed files, default 24), BENCH_EVAL_TRIALS (3); DATABASE_URL to use that database.
// - real CLIs (eval-clis.ts): Claude Code, Gemini CLI and Qwen Code against the model simulator; per-turn wall time,
//   overhead per turn and per run, peak memory per run, and N = 1..4 concurrent runs of one CLI (slowdown vs N = 1).
//   `-- --no-clis` skips it, `-- --clis-only` runs only it, `-- --clis=claude,qwen` picks CLIs.
import { runWithReactServer } from "./react-server";

runWithReactServer(import.meta.url, async () => (await import("./eval-run")).runEvalBench);
