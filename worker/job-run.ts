import type { Job } from "pg-boss";
import type { Logger } from "pino";
import type { TJobTypeDefinition } from "@/server/jobs/define-job";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import type { TOutcome } from "@/server/jobs/tracking/settle-jobs";
import { validateParams } from "@/server/jobs/validate-params";
import { logger } from "@/server/logger";
import type { TAbortable } from "./abort-registry";
import type { THandlerContext, TJobHandler } from "./handler-context";
import { createProgressReporter, type TProgressReporter } from "./progress-reporter";

export type TJob = Job<TJobEnvelope>;

export class SoftTimeoutError extends Error {
  constructor(seconds: number) {
    super(`soft timeout: the handler did not finish within ${seconds} s`);
    this.name = "SoftTimeoutError";
  }
}

/**
 * One attempt of one job: the handler's context and what the AbortRegistry aborts (cancel, shutdown).
 * The AbortController (linked to pg-boss's signal: hard timeout, lost claim), the soft timeout, the child
 * logger and the progress reporter are created when the handler first uses them: most tiny jobs use none,
 * and an AbortSignal with its listener and timer costs about as much as a no-op job's whole tracking.
 * An abort before the signal exists is kept and applied when it is created.
 */
export class JobRun implements THandlerContext, TAbortable {
  readonly startedAt = Date.now();
  /** Set once the handler returned or threw. */
  finished = false;
  readonly jobId: string;
  readonly attempt: number;
  private controller: AbortController | undefined;
  private early: { reason: unknown } | undefined;
  private softTimer: NodeJS.Timeout | undefined;
  private childLog: Logger | undefined;
  private reporter: TProgressReporter | undefined;
  private reportBound: ((percent: number, message?: string) => void) | undefined;

  constructor(
    readonly job: TJob,
    private readonly type: TJobTypeDefinition,
    private readonly queue: string,
    /** Runs before each progress write (a batch-queue job is marked started first). */
    private readonly beforeProgress?: (jobId: string) => Promise<unknown>,
  ) {
    this.jobId = job.id;
    this.attempt = job.retryCount + 1;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      if (this.early) controller.abort(this.early.reason);
      else if (this.job.signal.aborted) controller.abort(this.job.signal.reason);
      else {
        this.job.signal.addEventListener("abort", this, { once: true });
        const left = this.startedAt + this.type.softTimeoutSeconds * 1000 - Date.now();
        this.softTimer = setTimeout(softTimeout, Math.max(0, left), this, this.type.softTimeoutSeconds);
      }
    }
    return this.controller.signal;
  }

  get log(): Logger {
    this.childLog ??= logger.child({ jobId: this.jobId, type: this.type.name, attempt: this.attempt, queue: this.queue });
    return this.childLog;
  }

  get progress(): (percent: number, message?: string) => void {
    this.reportBound ??= this.report.bind(this);
    return this.reportBound;
  }

  abort(reason?: unknown): void {
    if (this.controller) this.controller.abort(reason);
    else this.early ??= { reason };
  }

  /** pg-boss aborted the job's signal (hard timeout, lost claim, shutdown). Registered as the listener object. */
  handleEvent(): void {
    this.abort(this.job.signal.reason);
  }

  async run(handler: TJobHandler<unknown>): Promise<TOutcome> {
    try {
      const params = validateParams(this.type, this.job.data.params);
      const result = await handler(params, this);
      if (logger.isLevelEnabled("info")) this.log.info({ ms: Date.now() - this.startedAt }, "job completed");
      return { id: this.jobId, retryCount: this.job.retryCount, startedAt: this.startedAt, ok: true, result: result ?? null };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const reason = this.controller ? (this.controller.signal.aborted ? this.controller.signal.reason : undefined) : this.early?.reason;
      const message = reason instanceof Error && err.name === "AbortError" ? reason.message : err.message;
      this.log.warn({ ms: Date.now() - this.startedAt, err: message }, "job attempt failed");
      return { id: this.jobId, retryCount: this.job.retryCount, startedAt: this.startedAt, ok: false, message, stack: err.stack };
    } finally {
      this.finished = true;
      if (this.controller) {
        clearTimeout(this.softTimer);
        this.job.signal.removeEventListener("abort", this);
      }
      if (this.reporter) await this.reporter.close();
    }
  }

  private report(percent: number, message?: string): void {
    const before = this.beforeProgress;
    this.reporter ??= createProgressReporter(this.jobId, this.attempt, before && (() => before(this.jobId)));
    this.reporter.report(percent, message);
  }
}

function softTimeout(run: JobRun, seconds: number): void {
  run.abort(new SoftTimeoutError(seconds));
}
