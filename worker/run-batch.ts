import type { PgBoss } from "pg-boss";
import { findJobType } from "@/server/jobs/catalog";
import { getQueueDefinition } from "@/server/jobs/queues";
import { markStarted, notRunnable, type TFetchedJob } from "@/server/jobs/tracking/mark-started";
import { settleJobs, type TOutcome } from "@/server/jobs/tracking/settle-jobs";
import { logger } from "@/server/logger";
import { JobCancelledError, type AbortRegistry } from "./abort-registry";
import type { TJobHandler } from "./handler-context";
import { HANDLERS } from "./handlers/registry";
import { JobRun, type TJob } from "./job-run";
import type { TCompletionSkipper } from "./skip-redundant-complete";

type TDeps = {
  boss: PgBoss; workerId: string; registry: AbortRegistry;
  /** pg-boss's own completion of settled batches is skipped (skip-redundant-complete.ts): batch queues then settle in the background. */
  completions?: TCompletionSkipper;
};

/** A batch-queue job still running after this long is marked started, so the dashboard shows it active. */
export const MARK_STARTED_AFTER_MS = 1000;
/** Background settles in flight per queue; a batch whose handlers are done waits for a slot. */
const SETTLES_IN_FLIGHT = 2;
/** A settle that cannot reach the database is retried this many times (backoff 0.5 s, doubling) before pg-boss's expiry takes over. */
const SETTLE_ATTEMPTS = 5;

/**
 * Runs one fetched batch: admit it, run each handler with its own AbortSignal (cancel, soft timeout,
 * pg-boss's hard timeout or lost claim), then settle pg-boss and tracking together. Acknowledged only after
 * the handler finished, so a crash loses nothing: pg-boss hands the attempt to another worker.
 *
 * Single-job queues (long jobs) mark each job started before its handler runs and settle before the batch
 * returns. Batch queues (many tiny jobs) write nothing before: the settle is the job's one tracking write
 * (start and end together), and a job still running after MARK_STARTED_AFTER_MS, or reporting progress, is
 * marked started then. Their settle runs in the background while pg-boss fetches the next batch (pg-boss's own
 * completion is skipped, so it cannot complete the jobs first); the jobs stay in the registry until settled,
 * so a draining shutdown waits for it.
 */
export function createBatchRunner({ boss, workerId, registry, completions }: TDeps) {
  const settling = new Map<string, Set<Promise<void>>>();

  return async function runBatch(queue: string, jobs: TJob[]): Promise<void> {
    const oneWrite = (getQueueDefinition(queue)?.batchSize ?? 1) > 1 && jobs.every((j) => !findJobType(j.data?.type)?.cron);
    const admitted = oneWrite ? await admitUnmarked(jobs) : await admitMarked(queue, jobs);
    const lazy = oneWrite ? lazyStart(queue) : undefined;
    const outcomes: Promise<TOutcome>[] = [];
    for (const job of admitted) {
      const type = findJobType(job.data?.type);
      const handler = type && (HANDLERS[type.name as keyof typeof HANDLERS] as TJobHandler<unknown> | undefined);
      if (!type || !handler) {
        outcomes.push(Promise.resolve(noHandler(job)));
        continue;
      }
      const run = new JobRun(job, type, queue, lazy?.mark);
      registry.add(job.id, run);
      lazy?.add(run);
      outcomes.push(run.run(handler));
    }
    const finished = await Promise.all(outcomes);
    await lazy?.close(); // a marking under way lands before the settle
    if (oneWrite && completions) {
      await inBackground(queue, admitted, finished);
      completions.settled(jobs.map((j) => j.id)); // what is not admitted is cancelled in pg-boss: its completion is a no-op anyway
      return;
    }
    try {
      await settleJobs(boss, queue, finished, workerId);
      if (admitted.length === jobs.length) completions?.settled(admitted.map((j) => j.id));
    } finally {
      // Held in the registry until settled, so a draining shutdown waits for the settle too.
      for (const job of admitted) registry.remove(job.id);
    }
  };

  /** Starts the settle without waiting for it, once fewer than SETTLES_IN_FLIGHT of this queue are under way. */
  async function inBackground(queue: string, admitted: TJob[], finished: TOutcome[]): Promise<void> {
    let pending = settling.get(queue);
    if (!pending) settling.set(queue, (pending = new Set()));
    while (pending.size >= SETTLES_IN_FLIGHT) await Promise.race(pending);
    const settle = settleWithRetry(queue, finished).finally(() => {
      pending.delete(settle);
      for (const job of admitted) registry.remove(job.id);
    });
    pending.add(settle);
  }

  async function settleWithRetry(queue: string, finished: TOutcome[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await settleJobs(boss, queue, finished, workerId);
        return;
      } catch (err) {
        if (attempt >= SETTLE_ATTEMPTS) {
          // pg-boss still holds the jobs active: they expire and are retried; the reconcile then fixes the rows.
          logger.error({ err, queue, jobs: finished.length }, "settle failed; pg-boss's expiry will hand the jobs back");
          return;
        }
        logger.warn({ err, queue, attempt }, "settle failed; retrying");
        await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
      }
    }
  }

  /** Marks the batch started; a row cancelled meanwhile is not run. */
  async function admitMarked(queue: string, jobs: TJob[]): Promise<TJob[]> {
    const runnable = await markStarted(jobs.map((j) => fetched(queue, j)), workerId);
    return jobs.filter((j) => runnable.has(j.id));
  }

  /**
   * No write, and usually no read: a job cancelled before the fetch is never fetched (cancel cancels the
   * pg-boss job too), one cancelled after it reaches its running handler through the registry. Only a job
   * whose cancel notification arrived before it was registered here is checked against its row.
   */
  async function admitUnmarked(jobs: TJob[]): Promise<TJob[]> {
    const doubtful = jobs.filter((j) => registry.abortedBeforeStart(j.id)).map((j) => j.id);
    if (doubtful.length === 0) return jobs;
    const skip = await notRunnable(doubtful);
    return jobs.filter((j) => !skip.has(j.id));
  }

  /**
   * Marks the jobs of a one-write batch started when they run long (MARK_STARTED_AFTER_MS after the batch
   * started, for those still running) or report progress. A job whose row was cancelled meanwhile is aborted.
   */
  function lazyStart(queue: string) {
    const runs = new Map<string, JobRun>();
    const marked = new Set<string>();
    let chain: Promise<void> = Promise.resolve();
    function mark(...ids: string[]): Promise<void> {
      const todo = ids.map((id) => runs.get(id)).filter((r): r is JobRun => r !== undefined && !r.finished && !marked.has(r.jobId));
      if (todo.length === 0) return chain;
      for (const run of todo) marked.add(run.jobId);
      chain = chain
        .then(async () => {
          const runnable = await markStarted(todo.map((r) => ({ ...fetched(queue, r.job), startedAt: r.startedAt })), workerId);
          for (const run of todo) if (!runnable.has(run.jobId)) run.abort(new JobCancelledError());
        })
        .catch((err) => logger.warn({ err, queue }, "marking long-running batch jobs started failed"));
      return chain;
    }
    const timer = setTimeout(() => void mark(...runs.keys()), MARK_STARTED_AFTER_MS);
    return {
      mark,
      add(run: JobRun): void {
        runs.set(run.jobId, run);
      },
      close(): Promise<void> {
        clearTimeout(timer);
        return chain;
      },
    };
  }
}


const fetched = (queue: string, j: TJob): TFetchedJob => ({ id: j.id, retryCount: j.retryCount, data: j.data, queue });

const noHandler = (job: TJob): TOutcome => ({
  id: job.id, retryCount: job.retryCount, startedAt: Date.now(), ok: false, message: `no handler for job type "${job.data?.type}" in this worker`,
});
