import { spawn } from "node:child_process";
import os from "node:os";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";

// Runs a command as the leader of its own process group, so that its descendants (next dev's next-server,
// vitest's forks, the worker under tsx watch) can be killed together and none is left orphaned.

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Prefix every output line with this (line-buffered); without it output passes through untouched. */
  prefix?: string;
  /** Receives every chunk of output (stdout and stderr), e.g. to parse a test summary. */
  onOutput?: (text: string) => void;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildGroup {
  name: string;
  exited: Promise<ChildExit>;
  /**
   * Like systemd's KillMode=mixed: `signal` to the leader only (our leaders relay it to their own children, so
   * signalling the whole group would deliver it twice), SIGKILL to the group after graceMs; once the leader has
   * exited, whatever is left in its group is killed.
   */
  terminate(signal?: NodeJS.Signals, graceMs?: number): Promise<ChildExit>;
}

const liveGroups = new Set<number>();

// Last resort when this script exits without terminating its children (uncaught error, process.exit).
process.on("exit", () => {
  for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
});

/** SIGKILLs every group still running; for a second Ctrl-C. */
export function killAllGroups(): void {
  for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
}

export function startChildGroup(spec: ChildSpec): ChildGroup {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pgid = child.pid;
  if (pgid !== undefined) liveGroups.add(pgid);

  forward(child.stdout, process.stdout, spec);
  forward(child.stderr, process.stderr, spec);

  const exited = new Promise<ChildExit>((resolve) => {
    child.once("error", (error) => {
      console.error(`${spec.prefix ?? `[${spec.name}]`} failed to start ${spec.command}: ${error.message}`);
      resolve({ code: 127, signal: null });
    });
    child.once("exit", (code, signal) => {
      if (pgid !== undefined) {
        killGroup(pgid, "SIGKILL"); // orphans of the leader (e.g. a crashed next dev's next-server)
        liveGroups.delete(pgid);
      }
      resolve({ code, signal });
    });
  });

  let terminating: Promise<ChildExit> | undefined;
  const terminate = (signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000) => {
    terminating ??= (async () => {
      if (pgid === undefined || !liveGroups.has(pgid)) return exited;
      try {
        process.kill(pgid, signal);
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        console.error(`[${spec.name}] still running ${Math.round(graceMs / 1000)} s after ${signal}: killing it`);
        killGroup(pgid, "SIGKILL");
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    })();
    return terminating;
  };

  return { name: spec.name, exited, terminate };
}

/** The shell convention: the exit code, or 128 + signal number. */
export function exitCodeOf({ code, signal }: ChildExit): number {
  if (code !== null) return code;
  return 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already empty
  }
}

function forward(from: Readable, to: Writable, spec: ChildSpec): void {
  if (!spec.prefix) {
    from.on("data", (chunk: Buffer) => {
      to.write(chunk);
      spec.onOutput?.(chunk.toString());
    });
    return;
  }
  const prefix = spec.prefix;
  readline.createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
    to.write(`${prefix} ${line}\n`);
    spec.onOutput?.(`${line}\n`);
  });
}
