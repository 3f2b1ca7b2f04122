import type { PgBoss } from "pg-boss";
import { JOB_TYPES } from "@/server/jobs/catalog";
import { sendOptionsFor } from "@/server/jobs/send-options";

/** Upserts pg-boss schedules (by key = job type) for every catalog entry with a cron expression. */
export async function scheduleCronJobs(boss: PgBoss, queues: Map<string, number>): Promise<string[]> {
  const scheduled: string[] = [];
  for (const type of JOB_TYPES) {
    if (!("cron" in type) || !type.cron || !queues.has(type.queue)) continue;
    const { priority, retryLimit, retryDelay, retryBackoff, expireInSeconds } = sendOptionsFor(type);
    await boss.schedule(type.queue, type.cron, { type: type.name, params: {} }, {
      key: type.name, tz: "UTC", priority, retryLimit, retryDelay, retryBackoff, expireInSeconds,
    });
    scheduled.push(type.name);
  }
  return scheduled;
}
