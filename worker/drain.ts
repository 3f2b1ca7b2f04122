import { setTimeout as sleep } from "node:timers/promises";
import type { AbortRegistry } from "./abort-registry";

/** Waits until no handler runs or the grace period is over; returns the ids still running. */
export async function waitForDrain(registry: AbortRegistry, graceSeconds: number): Promise<string[]> {
  const deadline = Date.now() + graceSeconds * 1000;
  while (registry.size > 0 && Date.now() < deadline) await sleep(100);
  return registry.ids();
}
