// Child process for the raw pg-boss baseline: the app's pg-boss configuration and consumer options, an empty handler.
import { createBoss } from "@/server/jobs/create-boss";
import { RAW_QUEUE, RAW_WORK_OPTIONS } from "./raw-queue";

const boss = createBoss(process.env.DATABASE_URL!, "worker");
await boss.start();
await boss.work(RAW_QUEUE, RAW_WORK_OPTIONS, async () => {});
console.log("raw worker ready");

process.once("SIGTERM", () => {
  void boss.stop({ graceful: true, timeout: 2000, close: true }).finally(() => process.exit(0));
});
