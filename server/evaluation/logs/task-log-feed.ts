import "server-only";
import type { TPgQueryable } from "@/server/db/pg-pool";
import { logger } from "@/server/logger";
import { isFinalTaskStatus } from "../tasks/task-statuses";
import { encodeLines } from "./log-sse-format";
import { readFeedSnapshot, readLogRange, type TLogLine } from "./task-log-queries";

const RETRY_MS = 1000;

export type TFeedOptions = {
  pool: TPgQueryable;
  /** Newest lines kept in memory per watched task; readers further behind page through the database. */
  cacheLines: number;
  /** How long after a task turns final the feed still waits for lines flushed late (finish-task logs after it). */
  settleMs: number;
  onRefreshed: () => void;
};

/** Encoded SSE events (undefined when none) and the sequence number they reach. */
export type TLogChunk = { bytes: Uint8Array | undefined; through: bigint };

export type TFeedState = { loaded: boolean; version: number; head: bigint; status: string; settled: boolean };

/**
 * What one web process knows about one watched task: its status, its last sequence number and a window of its
 * newest lines, refreshed with ONE statement per notification (however many readers watch the task). Readers
 * take their lines from the window, or from the database when they are further behind than it reaches.
 */
export class TaskLogFeed {
  private lines: TLogLine[] = [];
  /** The window holds every line with coveredFrom < seq <= head. */
  private coveredFrom = -1n;
  private head = -1n;
  private status = "";
  private settled = false;
  private finalSeenAt: number | undefined;
  private version = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly wakers = new Set<() => void>();
  private memo: { cursor: bigint; head: bigint; runId: string | undefined; limit: number; chunk: TLogChunk } | undefined;

  constructor(
    readonly taskId: string,
    private readonly options: TFeedOptions,
  ) {}

  get subscribers(): number {
    return this.wakers.size;
  }

  state(): TFeedState {
    return { loaded: this.head >= 0n, version: this.version, head: this.head, status: this.status, settled: this.settled };
  }

  /** `wake` runs after every refresh (new lines, a status change, or nothing); the returned function stops it. */
  watch(wake: () => void): () => void {
    this.wakers.add(wake);
    return () => this.wakers.delete(wake);
  }

  /** Re-reads the task past the last line seen. Coalesced: at most one statement in flight, plus one queued. */
  refresh(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.load().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  /**
   * The encoded events after `cursor` (of `runId` and the task-level ones, when given), at most `limit` lines, and
   * how far they reach: the reader's next cursor (past lines the filter skipped too). Readers at the same place
   * after a refresh share one chunk.
   */
  async read(cursor: bigint, runId: string | undefined, limit: number): Promise<TLogChunk> {
    const head = this.head;
    if (cursor >= head) return { bytes: undefined, through: cursor };
    if (cursor < this.coveredFrom) {
      const lines = await readLogRange(this.options.pool, this.taskId, { after: cursor, through: head, runId, limit });
      return { bytes: encodeLines(lines), through: lines.length === limit ? lines[lines.length - 1]!.seq : head };
    }
    const memo = this.memo;
    if (memo && memo.cursor === cursor && memo.head === head && memo.runId === runId && memo.limit === limit) return memo.chunk;
    const start = firstAfter(this.lines, cursor);
    const end = Math.min(this.lines.length, start + limit);
    const slice = this.lines.slice(start, end);
    const through = end === this.lines.length ? head : slice[slice.length - 1]!.seq;
    const chunk = { bytes: encodeLines(runId ? slice.filter((l) => l.runId === null || l.runId === runId) : slice), through };
    this.memo = { cursor, head, runId, limit, chunk };
    return chunk;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const wake of this.wakers) wake();
    this.wakers.clear();
    this.lines = [];
    this.memo = undefined;
  }

  private async load(): Promise<void> {
    const { cacheLines, settleMs, pool } = this.options;
    try {
      const snap = await readFeedSnapshot(pool, this.taskId, this.head, cacheLines, settleMs);
      if (this.disposed) return;
      if (snap.from > this.head || this.head < 0n) {
        this.lines = snap.lines; // first load, or more new lines than the window holds: keep only the newest
        this.coveredFrom = snap.from;
      } else if (snap.lines.length > 0) {
        this.lines = this.lines.concat(snap.lines);
      }
      if (this.lines.length > cacheLines) {
        const drop = this.lines.length - cacheLines;
        this.coveredFrom = this.lines[drop - 1]!.seq;
        this.lines = this.lines.slice(drop);
      }
      if (snap.head > this.head) this.head = snap.head;
      if (this.head < 0n) this.head = 0n;
      this.settle(snap.status ?? "deleted", snap.status === null || snap.settledAgo);
    } catch (error) {
      if (this.disposed) return;
      logger.warn({ err: error, taskId: this.taskId }, "task log refresh failed; retrying");
      this.schedule(RETRY_MS);
      return;
    }
    this.options.onRefreshed();
    this.version++;
    for (const wake of this.wakers) wake();
  }

  /** A final status counts once no late line can follow: finished long ago, or seen final for settleMs here. */
  private settle(status: string, settledAgo: boolean): void {
    this.status = status;
    if (!isFinalTaskStatus(status) && status !== "deleted") {
      this.finalSeenAt = undefined;
      this.settled = false;
      return;
    }
    const now = performance.now();
    this.finalSeenAt ??= now;
    const waited = now - this.finalSeenAt;
    this.settled = settledAgo || waited >= this.options.settleMs;
    if (!this.settled) this.schedule(this.options.settleMs - waited);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), ms);
    this.timer.unref();
  }
}

/** Index of the first line with seq > cursor (lines are sorted by seq). */
function firstAfter(lines: TLogLine[], cursor: bigint): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.seq <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
