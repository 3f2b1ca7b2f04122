import type { JobWithMetadata, PgBoss } from "pg-boss";
import { findJobType } from "@/server/jobs/catalog";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import { markStarted } from "@/server/jobs/tracking/mark-started";
import { settleJobs, type TOutcome } from "@/server/jobs/tracking/settle-jobs";
import { validateParams } from "@/server/jobs/validate-params";
import { logger } from "@/server/logger";
import type { AbortRegistry } from "./abort-registry";
import { HANDLERS } from "./handlers/registry";
import { createProgressReporter } from "./progress-reporter";

export class SoftTimeoutError extends Error {
  constructor(seconds: number) {
    super(`soft timeout: the handler did not finish within ${seconds} s`);
    this.name = "SoftTimeoutError";
  }
}

type TDeps = { boss: PgBoss; workerId: string; registry: AbortRegistry };

/**
 * Runs one fetched batch: mark started, run each handler with its own AbortSignal (cancel, soft timeout,
 * pg-boss's hard timeout or lost claim), then settle pg-boss and tracking together. Acknowledged only after
 * the handler finished, so a crash loses nothing: pg-boss hands the attempt to another worker.
 */
export function createBatchRunner({ boss, workerId, registry }: TDeps) {
  return async function runBatch(queue: string, jobs: JobWithMetadata<TJobEnvelope>[]): Promise<void> {
    const runnable = await markStarted(
      jobs.map((j) => ({ id: j.id, retryCount: j.retryCount, data: j.data, queue, retryLimit: j.retryLimit })),
      workerId,
    );
    const running = jobs.filter((j) => runnable.has(j.id));
    try {
      const outcomes = await Promise.all(running.map((job) => runOne(queue, job)));
      await settleJobs(boss, queue, outcomes.filter((o): o is TOutcome => o !== undefined));
    } finally {
      // Held in the registry until settled, so a draining shutdown waits for the settle too.
      for (const job of running) registry.remove(job.id);
    }
  };

  async function runOne(queue: string, job: JobWithMetadata<TJobEnvelope>): Promise<TOutcome | undefined> {
    const attempt = job.retryCount + 1;
    const log = logger.child({ jobId: job.id, type: job.data?.type, attempt, queue });
    const base = { id: job.id, retryCount: job.retryCount };
    const type = findJobType(job.data?.type);
    const handler = type ? HANDLERS[type.name as keyof typeof HANDLERS] : undefined;
    if (!type || !handler) return { ...base, ok: false, message: `no handler for job type "${job.data?.type}" in this worker` };

    const controller = new AbortController();
    const onLost = () => controller.abort(job.signal.reason);
    job.signal.addEventListener("abort", onLost, { once: true });
    const soft = setTimeout(() => controller.abort(new SoftTimeoutError(type.softTimeoutSeconds)), type.softTimeoutSeconds * 1000);
    registry.add(job.id, controller);
    const progress = createProgressReporter(job.id, attempt);
    const started = Date.now();
    try {
      const params = validateParams(type, job.data.params);
      const result = await (handler as (p: unknown, c: unknown) => Promise<unknown>)(params, {
        jobId: job.id, attempt, signal: controller.signal, progress: progress.report, log,
      });
      log.info({ ms: Date.now() - started }, "job completed");
      return { ...base, ok: true, result: result ?? null };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const reason = controller.signal.aborted ? controller.signal.reason : undefined;
      const message = reason instanceof Error && err.name === "AbortError" ? reason.message : err.message;
      log.warn({ ms: Date.now() - started, err: message }, "job attempt failed");
      return { ...base, ok: false, message, stack: err.stack };
    } finally {
      clearTimeout(soft);
      job.signal.removeEventListener("abort", onLost);
      await progress.close();
    }
  }
}
