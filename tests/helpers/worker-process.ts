import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export type TWorkerHandle = { child: ChildProcess; id: string; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> };

/** Node's arguments for the `npm run worker` entry point. */
export const workerArgs = (args: string[] = []) => ["--import", "tsx", "--conditions=react-server", "worker/index.ts", ...args];

/** A test worker's environment: fast heartbeats and short grace, so tests see deaths and drains quickly. */
export function workerEnv(id: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MB_SERVICE: "worker",
    WORKER_ID: id,
    WORKER_HEARTBEAT_SECONDS: "1",
    WORKER_DEAD_AFTER_SECONDS: "5",
    WORKER_SHUTDOWN_GRACE_SECONDS: "5",
    LOG_LEVEL: "info",
    ...env,
  };
}

/** Starts a real worker process (the same entry point as `npm run worker`) and waits until it is consuming. */
export async function startWorker(options: { id?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<TWorkerHandle> {
  const id = options.id ?? `test-worker-${Math.random().toString(36).slice(2, 8)}`;
  const child = spawn(process.execPath, workerArgs(options.args), {
    env: workerEnv(id, options.env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: a SIGKILL takes everything the worker started
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (!output.includes('"worker ready"')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`worker did not start within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    id,
    output: () => output,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return child.exitCode;
      }
      await exited;
      return child.exitCode;
    },
  };
}
