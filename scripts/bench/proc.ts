// Child Node processes (worker, raw pg-boss consumer, graphile runner) with readiness, peak RSS and a clean stop.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../project-root";

export type TChild = {
  pid: number;
  output(): string;
  /** Resolves when `probe` is truthy; rejects if the child exits first or the timeout passes. */
  waitFor(what: string, probe: (output: string) => boolean | Promise<boolean>, timeoutMs?: number, everyMs?: number): Promise<void>;
  /** VmHWM of the child in MiB (Linux only), read while it still runs. */
  peakRssMb(): number | undefined;
  stop(): Promise<void>;
};

const alive = new Set<ChildProcess>();
// A crashed bench must not leave consumers running against the scratch database (which then cannot be dropped).
process.on("exit", () => killAllChildren());

/** SIGKILLs every child still running (they sit in their own process groups, so Ctrl-C does not reach them). */
export function killAllChildren(): void {
  for (const child of alive) killGroup(child, "SIGKILL");
}

/** nodeFlags go after tsx's --import, so they may --import TypeScript too (profile.ts passes --cpu-prof). */
export type TSpawnOptions = { reactServer?: boolean; nodeFlags?: string[] };

export function spawnNode(script: string, args: string[], env: Record<string, string>, options: TSpawnOptions = {}): TChild {
  const conditions = options.reactServer ? ["--conditions=react-server"] : [];
  const nodeArgs = ["--import", "tsx", ...conditions, ...(options.nodeFlags ?? []), script, ...args];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so stop() reaches anything it started
  });
  alive.add(child);
  let output = "";
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64_000));
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => (alive.delete(child), resolve())));

  return {
    pid: child.pid!,
    output: () => output,
    async waitFor(what, probe, timeoutMs = 60_000, everyMs = 20) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${output.slice(-4000)}`);
        if (await probe(output)) return;
        if (Date.now() > deadline) throw new Error(`${script}: timed out after ${timeoutMs} ms waiting for ${what}:\n${output.slice(-4000)}`);
        await sleep(everyMs);
      }
    },
    peakRssMb() {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        return kb ? Math.round(Number(kb) / 1024) : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (!alive.has(child)) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      killGroup(child, "SIGKILL"); // leftovers of the group, if any
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
