import "server-only";
import { PgListener } from "@/server/db/pg-listener";
import type { TPgQueryable } from "@/server/db/pg-pool";
import { parseNotifyPayload } from "@/server/notify/coalescing-notifier";
import { TASK_LOG_CHANNEL } from "./task-log-channel";
import { TaskLogFeed, type TFeedState, type TLogChunk } from "./task-log-feed";

export type TLogHubOptions = {
  /** The LISTEN connection's database (a dedicated connection: pooled ones cannot hold a LISTEN). */
  url: string;
  /** Where the lines are read. */
  pool: TPgQueryable;
  /** Newest lines kept in memory per watched task (default 5,000: a second of a 5,000 lines/s burst, ~1.5 MB). */
  cacheLines?: number;
  /** Re-read every watched task this often even without a notification: status changes that log nothing (default 5 s). */
  pollMs?: number;
  /** How long a final task still waits for late lines before its streams end (default 2 s). */
  settleMs?: number;
};

/** One reader's view of a task: lines past its own cursor, and a wait for the next refresh. */
export type TLogSubscription = {
  state(): TFeedState;
  read(cursor: bigint, runId: string | undefined, limit: number): Promise<TLogChunk>;
  /** Resolves once the feed has refreshed after `version` (or the subscription is closed). */
  changed(version: number): Promise<void>;
  close(): void;
};

export type THubStats = { notifications: number; refreshes: number; reconnects: number };

/**
 * The web process's one LISTEN connection on mb_task_log, fanned out to the streams of this process: a
 * notification (a JSON array of task ids, coalesced by the writers) refreshes each watched task's feed once,
 * and every stream of that task takes its lines from the feed. After a reconnect every feed re-reads from its
 * last sequence number, so lines committed while the connection was down are not lost.
 */
export class LogHub {
  private readonly feeds = new Map<string, TaskLogFeed>();
  private readonly listener: PgListener;
  private listening: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = false;
  readonly stats: THubStats = { notifications: 0, refreshes: 0, reconnects: 0 };

  constructor(readonly options: TLogHubOptions) {
    this.listener = new PgListener({
      url: options.url,
      channels: [TASK_LOG_CHANNEL],
      onNotification: (_channel, payload) => {
        this.stats.notifications++;
        for (const taskId of parseNotifyPayload(payload)) this.feeds.get(taskId)?.refresh();
      },
      onSubscribed: () => {
        this.stats.reconnects++;
        for (const feed of this.feeds.values()) feed.refresh();
      },
    });
  }

  get pool(): TPgQueryable {
    return this.options.pool;
  }

  /** Tasks watched and readers attached, in this process. */
  counts(): { tasks: number; subscribers: number } {
    let subscribers = 0;
    for (const feed of this.feeds.values()) subscribers += feed.subscribers;
    return { tasks: this.feeds.size, subscribers };
  }

  /** Attaches a reader to a task. LISTEN is up (or reconnecting) before the feed's first read: no line falls between. */
  async subscribe(taskId: string): Promise<TLogSubscription> {
    if (this.closed) throw new Error("log hub closed");
    this.listening ??= this.listener.start();
    await this.listening;
    const feed = this.feeds.get(taskId) ?? this.openFeed(taskId);
    let waiting: (() => void) | undefined;
    let open = true;
    const wake = () => {
      const resolve = waiting;
      waiting = undefined;
      resolve?.();
    };
    const unwatch = feed.watch(wake);
    return {
      state: () => feed.state(),
      read: (cursor, runId, limit) => feed.read(cursor, runId, limit),
      changed: (version) =>
        !open || feed.state().version > version ? Promise.resolve() : new Promise<void>((resolve) => (waiting = resolve)),
      close: () => {
        if (!open) return;
        open = false;
        unwatch();
        wake();
        if (feed.subscribers === 0) this.closeFeed(feed);
      },
    };
  }

  /** Stops listening and forgets every feed (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const feed of this.feeds.values()) this.closeFeed(feed);
    await this.listener.stop();
  }

  private openFeed(taskId: string): TaskLogFeed {
    const feed = new TaskLogFeed(taskId, {
      pool: this.options.pool,
      cacheLines: this.options.cacheLines ?? 5000,
      settleMs: this.options.settleMs ?? 2000,
      onRefreshed: () => this.stats.refreshes++,
    });
    this.feeds.set(taskId, feed);
    feed.refresh();
    this.pollTimer ??= setInterval(() => {
      for (const f of this.feeds.values()) f.refresh();
    }, this.options.pollMs ?? 5000).unref();
    return feed;
  }

  private closeFeed(feed: TaskLogFeed): void {
    feed.dispose();
    if (this.feeds.get(feed.taskId) === feed) this.feeds.delete(feed.taskId);
    if (this.feeds.size === 0) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }
}
