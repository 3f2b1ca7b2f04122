import os from "node:os";
import { killAllGroups } from "./child-group";

// Turns SIGINT/SIGTERM/SIGHUP into a promise, so scripts can finish their cleanup (stop children, drop the test
// database, stop PostgreSQL) instead of dying mid-way. A second signal SIGKILLs the children, a third exits at once.

// Under the tsx CLI (`"test": "tsx scripts/test.ts"`), a Ctrl-C often arrives twice: once from the terminal and
// once relayed by tsx, which misses our report that we already got it. Repeats this soon are that echo, not a user.
const ECHO_WINDOW_MS = 1_000;

export interface ShutdownSignals {
  /** The first signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Resolves with the first signal. */
  readonly promise: Promise<NodeJS.Signals>;
}

export function trapShutdownSignals(): ShutdownSignals {
  let received: NodeJS.Signals | undefined;
  let count = 0;
  let firstAt = 0;
  let resolve!: (signal: NodeJS.Signals) => void;
  const promise = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (count > 0 && Date.now() - firstAt < ECHO_WINDOW_MS) return;
    if (count === 0) firstAt = Date.now();
    count += 1;
    if (count === 1) {
      received = signal;
      console.error(`\n${signal} received: shutting down (again to force)`);
      resolve(signal);
    } else if (count === 2) {
      console.error(`${signal} received again: killing child processes`);
      killAllGroups();
    } else {
      process.exit(signalExitCode(signal));
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  return {
    get received() {
      return received;
    },
    promise,
  };
}

export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 0);
}
