// Coalesced PostgreSQL notifications: a NOTIFY per event does not scale past a few hundred per second (every
// notifying commit serializes on PostgreSQL's notification queue lock), so events are collected in memory and
// sent at most once per interval, as one pg_notify per channel whose payload is a JSON array of distinct keys.
// Generic: job status changes (keys = job ids), cancels, log lines (a channel per task), ...

/** Where the notifications go: a pg Pool or Client, or anything with the same `query` (e.g. Prisma raw SQL). */
export type TNotifyTarget = { query(text: string, values: unknown[]): Promise<unknown> };

export type TCoalescingNotifierOptions = {
  target: TNotifyTarget | (() => TNotifyTarget);
  /** Minimum time between two flushes. An event after a quiet interval is sent at once (next macrotask). */
  intervalMs?: number;
  /** Largest payload in bytes; PostgreSQL refuses 8000 and more. A flush splits a channel's keys to fit. */
  maxPayloadBytes?: number;
  /** Told about failed flushes (the keys of a failed flush are dropped: notifications are hints, receivers re-read). */
  onError?: (error: unknown, info: { channels: string[]; keys: number }) => void;
};

export type TNotifierStats = { events: number; keys: number; notifications: number; flushes: number; errors: number; dropped: number };

const PAYLOAD_LIMIT = 7900;
const SEND = `SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)`;

export class CoalescingNotifier {
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = -Infinity;
  private inFlight: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly intervalMs: number;
  private readonly maxPayloadBytes: number;
  readonly stats: TNotifierStats = { events: 0, keys: 0, notifications: 0, flushes: 0, errors: 0, dropped: 0 };

  constructor(private readonly options: TCoalescingNotifierOptions) {
    this.intervalMs = options.intervalMs ?? 100;
    this.maxPayloadBytes = Math.min(options.maxPayloadBytes ?? PAYLOAD_LIMIT, PAYLOAD_LIMIT);
  }

  /** Records that `key` changed on `channel`. Never throws; never waits. Ignored after close(). */
  notify(channel: string, key: string): void {
    if (this.closed) return;
    this.stats.events++;
    let keys = this.pending.get(channel);
    if (!keys) this.pending.set(channel, (keys = new Set()));
    keys.add(key);
    this.schedule();
  }

  notifyMany(channel: string, keys: Iterable<string>): void {
    for (const key of keys) this.notify(channel, key);
  }

  /** Sends what is pending now (waits for a flush already under way first). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight = this.inFlight.then(() => this.send());
    return this.inFlight;
  }

  /** Flushes what is pending and stops accepting events. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - performance.now());
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref?.(); // pending hints must not keep a process alive; close() flushes them on shutdown
  }

  private async send(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.lastFlush = performance.now();
    const channels: string[] = [];
    const payloads: string[] = [];
    let keys = 0;
    for (const [channel, set] of batch) {
      keys += set.size;
      for (const payload of this.split(set)) {
        channels.push(channel);
        payloads.push(payload);
      }
    }
    this.stats.keys += keys;
    this.stats.flushes++;
    if (payloads.length === 0) return;
    try {
      const target = typeof this.options.target === "function" ? this.options.target() : this.options.target;
      await target.query(SEND, [channels, payloads]);
      this.stats.notifications += payloads.length;
    } catch (error) {
      this.stats.errors++;
      this.stats.dropped += keys;
      try {
        this.options.onError?.(error, { channels: [...batch.keys()], keys });
      } catch {
        // an error reporter that throws must not reach the caller either
      }
    }
  }

  /** JSON arrays of the keys, each at most maxPayloadBytes long (UTF-8). A key that cannot fit alone is dropped. */
  private split(keys: Set<string>): string[] {
    const payloads: string[] = [];
    let parts: string[] = [];
    let bytes = 2; // "[" and "]"
    for (const key of keys) {
      const json = JSON.stringify(key);
      const size = Buffer.byteLength(json);
      if (size + 2 > this.maxPayloadBytes) {
        this.stats.dropped++;
        continue;
      }
      if (parts.length > 0 && bytes + 1 + size > this.maxPayloadBytes) {
        payloads.push(`[${parts.join(",")}]`);
        parts = [];
        bytes = 2;
      }
      bytes += size + (parts.length > 0 ? 1 : 0);
      parts.push(json);
    }
    if (parts.length > 0) payloads.push(`[${parts.join(",")}]`);
    return payloads;
  }
}

/** Reads a payload sent by CoalescingNotifier: the keys, or [] when it is not a JSON array of strings. */
export function parseNotifyPayload(payload: string): string[] {
  try {
    const parsed: unknown = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}
