import "server-only";
import { db } from "@/server/db/client";
import { listPausedQueues } from "@/server/jobs/queue-control";
import { QUEUES } from "@/server/jobs/queues";
import { logger } from "@/server/logger";
import { listWorkers } from "@/server/workers/list-workers";
import type { THealthCheckOutput } from "./check.schema";

// TODO(move): belongs in server/health/ once someone owns that folder; kept here so this change stays in server/trpc.
/** Totals across all orgs (no per-org data: the check is public for probes). Never throws: "down" is an answer. */
export async function checkHealth(deadAfterSeconds: number): Promise<THealthCheckOutput> {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    const latencyMs = Math.round(performance.now() - started);
    const [counts, paused, workers] = await Promise.all([
      db().job.groupBy({ by: ["queue", "status"], where: { status: { in: ["queued", "active"] } }, _count: { _all: true } }),
      listPausedQueues(),
      listWorkers(deadAfterSeconds),
    ]);
    const count = (queue: string, status: string) => counts.find((c) => c.queue === queue && c.status === status)?._count._all ?? 0;
    const alive = workers.filter((w) => w.alive).length;
    return {
      status: alive > 0 ? "ok" : "degraded",
      database: { ok: true, latencyMs },
      queues: QUEUES.map((q) => ({ name: q.name, queued: count(q.name, "queued"), active: count(q.name, "active"), paused: paused.has(q.name) })),
      workers: { alive, total: workers.length },
    };
  } catch (err) {
    logger.warn({ err }, "health check: database unreachable");
    return { status: "down", database: { ok: false, latencyMs: null }, queues: [], workers: { alive: 0, total: 0 } };
  }
}
