/** Why a cancelled job's handler was aborted. */
export class JobCancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "JobCancelledError";
  }
}

// How long an abort for a job that is not running here is remembered (a cancel notification can arrive just
// before the fetch that hands this worker the job), and how many such ids at most.
const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 10_000;

/** A running attempt as the registry sees it (an AbortController is one). */
export type TAbortable = { abort(reason?: unknown): void };

/** The running attempts of this process, by job id, so a cancel or shutdown can abort them. */
export class AbortRegistry {
  private readonly running = new Map<string, TAbortable>();
  private readonly early = new Map<string, number>();

  add(jobId: string, controller: TAbortable): void {
    this.running.set(jobId, controller);
  }

  remove(jobId: string): void {
    this.running.delete(jobId);
  }

  /** Aborts the job's running handler. A job not running here is remembered for a while (abortedBeforeStart). */
  abort(jobId: string, reason: Error): boolean {
    const controller = this.running.get(jobId);
    if (controller) {
      controller.abort(reason);
      return true;
    }
    this.remember(jobId);
    return false;
  }

  /** True when an abort named this job shortly before, while it did not run here: check its row before running it. */
  abortedBeforeStart(jobId: string): boolean {
    if (this.early.size === 0) return false;
    const at = this.early.get(jobId);
    return at !== undefined && Date.now() - at < REMEMBER_MS;
  }

  abortAll(reason: Error): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  ids(): string[] {
    return [...this.running.keys()];
  }

  get size(): number {
    return this.running.size;
  }

  private remember(jobId: string): void {
    const now = Date.now();
    this.early.delete(jobId);
    this.early.set(jobId, now);
    // Oldest first (insertion order): drop the expired ones, and the oldest beyond the cap.
    for (const [id, at] of this.early) {
      if (now - at < REMEMBER_MS && this.early.size <= REMEMBER_MAX) break;
      this.early.delete(id);
    }
  }
}
