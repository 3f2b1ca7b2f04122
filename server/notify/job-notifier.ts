import "server-only";
import { pgPool } from "../db/pg-pool";
import { logger } from "../logger";
import { CoalescingNotifier } from "./coalescing-notifier";

// The process's coalescer for job notifications (status changes, cancels), over the plain pg pool.
const holder = globalThis as unknown as { __mbJobNotifier?: CoalescingNotifier };

export function jobNotifier(): CoalescingNotifier {
  holder.__mbJobNotifier ??= new CoalescingNotifier({
    target: () => pgPool(),
    intervalMs: 100,
    onError: (error, info) => logger.warn({ err: error, ...info }, "job notifications lost (receivers re-read on their next tick)"),
  });
  return holder.__mbJobNotifier;
}

/** Sends what is still pending; the next jobNotifier() starts a fresh one. */
export async function closeJobNotifier(): Promise<void> {
  const notifier = holder.__mbJobNotifier;
  holder.__mbJobNotifier = undefined;
  await notifier?.close();
}
