import "server-only";
import { db } from "@/server/db/client";
import { listPausedQueues } from "@/server/jobs/queue-control";
import { QUEUES } from "@/server/jobs/queues";
import { JOB_STATUSES } from "@/server/jobs/schema";
import { listWorkers } from "@/server/workers/list-workers";
import type { TFamily } from "./prometheus-text";

// Jobs and workers as the database knows them (all orgs, all processes): the same figures from every replica.

const WINDOW_MINUTES = 5;
const QUANTILES = [0.5, 0.9, 0.99] as const;

type TDurationRow = { queue: string; count: bigint; sum: number | null; p50: number | null; p90: number | null; p99: number | null };

export async function jobFamilies(deadAfterSeconds: number): Promise<TFamily[]> {
  const [counts, durations, workers, paused] = await Promise.all([
    db().job.groupBy({ by: ["queue", "status"], _count: { _all: true } }),
    db().$queryRaw<TDurationRow[]>`
      SELECT queue, count(*) AS count, sum(d) AS sum,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY d) AS p99
      FROM (SELECT queue, extract(epoch FROM "finishedAt" - "startedAt")::float8 AS d FROM "Job"
            WHERE status IN ('completed', 'failed') AND "startedAt" IS NOT NULL
              AND "finishedAt" > now() - make_interval(mins => ${WINDOW_MINUTES})) recent
      GROUP BY queue`,
    listWorkers(deadAfterSeconds),
    listPausedQueues(),
  ]);
  const queues = [...new Set([...QUEUES.map((q) => q.name), ...counts.map((c) => c.queue)])];
  const count = (queue: string, status: string) => counts.find((c) => c.queue === queue && c.status === status)?._count._all ?? 0;
  const alive = workers.filter((w) => w.alive);
  return [
    {
      name: "mb_jobs",
      help: "Tracked jobs by queue and state (every org).",
      type: "gauge",
      samples: queues.flatMap((queue) => JOB_STATUSES.map((state) => ({ labels: { queue, state }, value: count(queue, state) }))),
    },
    {
      name: "mb_job_duration_seconds",
      help: `Run time (start to finish) of jobs that finished in the last ${WINDOW_MINUTES} minutes, by queue and quantile.`,
      type: "gauge",
      samples: durations.flatMap((row) => QUANTILES.map((q, i) => ({ labels: { queue: row.queue, quantile: String(q) }, value: [row.p50, row.p90, row.p99][i] ?? 0 }))),
    },
    {
      name: "mb_jobs_finished_recent",
      help: `Jobs that finished (completed or failed) in the last ${WINDOW_MINUTES} minutes, by queue.`,
      type: "gauge",
      samples: durations.map((row) => ({ labels: { queue: row.queue }, value: Number(row.count) })),
    },
    { name: "mb_queue_paused", help: "1 when the queue is paused.", type: "gauge", samples: QUEUES.map((q) => ({ labels: { queue: q.name }, value: paused.has(q.name) ? 1 : 0 })) },
    { name: "mb_workers_alive", help: "Worker processes that sent a heartbeat recently.", type: "gauge", samples: [{ value: alive.length }] },
    { name: "mb_worker_jobs_in_flight", help: "Jobs running on each alive worker.", type: "gauge", samples: alive.map((w) => ({ labels: { worker: w.id }, value: w.inFlight })) },
  ];
}
