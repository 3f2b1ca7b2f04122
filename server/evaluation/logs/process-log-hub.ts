import "server-only";
import { env } from "@/server/config/env";
import { pgPool } from "@/server/db/pg-pool";
import { LogHub, type TLogHubOptions } from "./log-hub";

export type TLogServingOptions = Omit<TLogHubOptions, "url" | "pool"> & { heartbeatMs?: number };

// The web process's one hub (one LISTEN connection), created on the first stream. Kept on globalThis so
// Next's dev reloads do not open another LISTEN connection each time.
const holder = globalThis as unknown as { __mbLogHub?: LogHub; __mbLogServing?: TLogServingOptions };

export function logHub(): LogHub {
  holder.__mbLogHub ??= new LogHub({ url: env().DATABASE_URL, pool: pgPool(), ...holder.__mbLogServing });
  return holder.__mbLogHub;
}

/** Heartbeat interval of this process's streams (default 15 s). */
export function logHeartbeatMs(): number {
  return holder.__mbLogServing?.heartbeatMs ?? 15_000;
}

/** Timings for the hub and its streams (tests, benches); applies to the hub created next. */
export function configureLogServing(options: TLogServingOptions): void {
  holder.__mbLogServing = options;
}

export async function closeLogHub(): Promise<void> {
  const hub = holder.__mbLogHub;
  holder.__mbLogHub = undefined;
  await hub?.close();
}
