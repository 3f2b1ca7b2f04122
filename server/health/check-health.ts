import "server-only";
import { db } from "@/server/db/client";
import { listPausedQueues } from "@/server/jobs/queue-control";
import { QUEUES } from "@/server/jobs/queues";
import { logger } from "@/server/logger";
import { listWorkers } from "@/server/workers/list-workers";
import type { THealthCheckOutput } from "./health-schema";

const DOWN: THealthCheckOutput = {
  status: "down",
  database: { ok: false, latencyMs: null },
  queue: { ok: false, missing: [] },
  queues: [],
  workers: { alive: 0, total: 0 },
};

/** Totals across all orgs (no per-org data: the check is public for probes). Never throws: "down" is an answer. */
export async function checkHealth(deadAfterSeconds: number): Promise<THealthCheckOutput> {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    const latencyMs = Math.round(performance.now() - started);
    const [counts, paused, workers, missing] = await Promise.all([
      db().job.groupBy({ by: ["queue", "status"], where: { status: { in: ["queued", "active"] } }, _count: { _all: true } }),
      listPausedQueues(),
      listWorkers(deadAfterSeconds),
      missingBossQueues(),
    ]);
    const count = (queue: string, status: string) => counts.find((c) => c.queue === queue && c.status === status)?._count._all ?? 0;
    const alive = workers.filter((w) => w.alive).length;
    const queueOk = missing !== null && missing.length === 0;
    return {
      status: alive > 0 && queueOk ? "ok" : "degraded",
      database: { ok: true, latencyMs },
      queue: { ok: queueOk, missing: missing ?? QUEUES.map((q) => q.name) },
      queues: QUEUES.map((q) => ({ name: q.name, queued: count(q.name, "queued"), active: count(q.name, "active"), paused: paused.has(q.name) })),
      workers: { alive, total: workers.length },
    };
  } catch (err) {
    logger.warn({ err }, "health check: database unreachable");
    return DOWN;
  }
}

/** Catalog queues pg-boss does not know yet; null when its schema is not installed at all. */
async function missingBossQueues(): Promise<string[] | null> {
  const [installed] = await db().$queryRaw<{ present: boolean }[]>`SELECT to_regclass('pgboss.queue') IS NOT NULL AS present`;
  if (!installed?.present) return null;
  const rows = await db().$queryRaw<{ name: string }[]>`SELECT name FROM pgboss.queue`;
  const known = new Set(rows.map((r) => r.name));
  return QUEUES.map((q) => q.name).filter((name) => !known.has(name));
}
