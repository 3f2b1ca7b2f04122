// Child process for the graphile-worker comparison: a no-op task, default settings except concurrency 10
// (graphile's own default is 1). Its per-job info logs are dropped so they do not weigh on the figure.
import { run } from "graphile-worker";
import { quietLogger } from "./graphile-logger";

const runner = await run({
  connectionString: process.env.DATABASE_URL!,
  concurrency: 10,
  logger: quietLogger,
  noHandleSignals: true,
  taskList: { bench_noop: async () => {} },
});
console.log("graphile runner ready");

process.once("SIGTERM", () => {
  void runner.stop().finally(() => process.exit(0));
});
