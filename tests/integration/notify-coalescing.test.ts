import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoalescingNotifier, parseNotifyPayload } from "@/server/notify/coalescing-notifier";
import { waitFor } from "../helpers/wait-for";

// Real PostgreSQL on both ends: a pool sends, a LISTEN client counts what arrives.
const url = process.env.DATABASE_URL!;
let pool: pg.Pool;
let listener: pg.Client;
const received = new Map<string, string[]>();

async function listen(channel: string): Promise<string[]> {
  const payloads: string[] = [];
  received.set(channel, payloads);
  await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  return payloads;
}

const keysOf = (payloads: string[]) => new Set(payloads.flatMap(parseNotifyPayload));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: url, max: 2 });
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on("notification", (msg) => received.get(msg.channel)?.push(msg.payload ?? ""));
});

afterAll(async () => {
  await listener?.end();
  await pool?.end();
});

describe("CoalescingNotifier", () => {
  it("turns 5,000 events within a second into at most ~15 NOTIFYs that carry every key", async () => {
    const channel = `mb_test_${randomUUID().slice(0, 8)}`;
    const payloads = await listen(channel);
    const notifier = new CoalescingNotifier({ target: pool, intervalMs: 100 });
    // 200 jobs changing 25 times each (start, progress, settle; or log lines of a task), interleaved.
    const keys = Array.from({ length: 200 }, () => randomUUID());
    const started = performance.now();
    for (let burst = 0; burst < 50; burst++) {
      for (let i = 0; i < 100; i++) notifier.notify(channel, keys[(burst * 100 + i) % keys.length]!);
      await sleep(18);
    }
    expect(performance.now() - started).toBeLessThan(1200);
    await notifier.close();
    await waitFor("every notification to arrive", async () => payloads.length === notifier.stats.notifications, 5000);
    expect(notifier.stats.events).toBe(5000);
    expect(payloads.length).toBeLessThanOrEqual(15);
    expect(notifier.stats.notifications).toBe(payloads.length);
    for (const p of payloads) expect(new Set(parseNotifyPayload(p)).size).toBe(parseNotifyPayload(p).length); // distinct
    expect([...keysOf(payloads)].sort()).toEqual([...keys].sort());
  });

  it("splits a large flush into payloads under the 8000-byte limit, per channel", async () => {
    const a = `mb_test_${randomUUID().slice(0, 8)}`;
    const b = `mb_test_${randomUUID().slice(0, 8)}`;
    const [pa, pb] = [await listen(a), await listen(b)];
    const notifier = new CoalescingNotifier({ target: pool, intervalMs: 50 });
    const keysA = Array.from({ length: 1000 }, () => randomUUID()); // ~39 KB of JSON
    for (const k of keysA) notifier.notify(a, k);
    notifier.notify(b, "only-one");
    await notifier.flush();
    await waitFor("both channels", async () => pa.length + pb.length === notifier.stats.notifications, 5000);
    expect(keysOf(pa).size).toBe(1000);
    expect(pa.length).toBeGreaterThanOrEqual(5);
    for (const p of pa) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(7900);
    expect(parseNotifyPayload(pb[0]!)).toEqual(["only-one"]);
    await notifier.close();
  });

  it("sends an isolated event at once, then at most one flush per interval", async () => {
    const channel = `mb_test_${randomUUID().slice(0, 8)}`;
    const payloads = await listen(channel);
    const notifier = new CoalescingNotifier({ target: pool, intervalMs: 300 });
    const t0 = performance.now();
    notifier.notify(channel, "first");
    await waitFor("the first event", async () => payloads.length === 1, 2000, 5);
    expect(performance.now() - t0).toBeLessThan(150);
    notifier.notify(channel, "second");
    notifier.notify(channel, "third");
    await sleep(100);
    expect(payloads.length).toBe(1); // held until the interval since the first flush is over
    await waitFor("the second flush", async () => payloads.length === 2, 2000, 5);
    expect(parseNotifyPayload(payloads[1]!)).toEqual(["second", "third"]);
    await notifier.close();
  });

  it("never throws into the caller: a failing target is reported and the keys are dropped", async () => {
    const errors: unknown[] = [];
    const notifier = new CoalescingNotifier({
      target: { query: async () => Promise.reject(new Error("database down")) },
      onError: (error) => errors.push(error),
    });
    expect(() => notifier.notify("mb_test_down", "k")).not.toThrow();
    await notifier.close();
    expect(errors).toHaveLength(1);
    expect(notifier.stats).toMatchObject({ errors: 1, dropped: 1, notifications: 0 });
    expect(() => notifier.notify("mb_test_down", "after close")).not.toThrow();
    await notifier.flush();
    expect(notifier.stats.events).toBe(1); // ignored after close
  });
});
