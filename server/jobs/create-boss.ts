import { PgBoss } from "pg-boss";
import { logger } from "../logger";

export type TBossRole = "producer" | "worker";

/**
 * pg-boss in the app's database under schema "pgboss".
 * A producer (web) only sends; a worker also supervises (expiry, job heartbeats), runs cron and listens for wake-ups.
 */
export function createBoss(url: string, role: TBossRole, options: { poolSize?: number } = {}): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    application_name: `memory-break-${role}`,
    max: options.poolSize ?? (role === "producer" ? 4 : 10),
    supervise: role === "worker",
    schedule: role === "worker",
    // Worker supervision runs often so a dead worker's jobs (stale job heartbeat) are retried within seconds, not minutes.
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 30,
    useListenNotify: role === "worker",
    migrate: true,
  });
  // pg errors carry the whole client object: log what helps, not kilobytes of pool internals.
  boss.on("error", (error: Error & { code?: string }) => logger.error({ message: error.message, code: error.code }, "pg-boss error"));
  boss.on("warning", (warning) => logger.warn({ warning }, "pg-boss warning"));
  return boss;
}
