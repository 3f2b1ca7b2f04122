import { reportProgress } from "@/server/jobs/tracking/report-progress";
import { logger } from "@/server/logger";

const MIN_INTERVAL_MS = 250;

export type TProgressReporter = ReturnType<typeof createProgressReporter>;

/**
 * Coalesces a handler's progress calls: at most one write per 250 ms per job, the latest value always lands.
 * `beforeWrite` runs before each write (a batch-queue job is marked started first, so the write has a row to land on).
 */
export function createProgressReporter(jobId: string, attempt: number, beforeWrite?: () => Promise<unknown>) {
  let lastWrite = 0;
  let pending: { percent: number; message?: string } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();

  const write = () => {
    timer = undefined;
    if (!pending) return;
    const { percent, message } = pending;
    pending = undefined;
    lastWrite = Date.now();
    chain = chain
      .then(() => beforeWrite?.())
      .then(() => reportProgress(jobId, attempt, percent, message))
      .catch((err) => logger.warn({ err, jobId }, "progress write failed"));
  };

  return {
    report(percent: number, message?: string) {
      pending = { percent, message };
      if (timer) return;
      const wait = Math.max(0, lastWrite + MIN_INTERVAL_MS - Date.now());
      timer = setTimeout(write, wait);
    },
    /** Drops a trailing update: the attempt's final state is written by the settle. */
    async close() {
      clearTimeout(timer);
      pending = undefined;
      await chain;
    },
  };
}
