import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TRequestLogEntry } from "./types";

// The model simulator as a process of its own (bin/model-sim.mjs), for callers that should not load it: the worker's
// `<cli>.sim-<profile>` agents start one per run, the integration tests one per file. Nothing here imports the server.

// Resolved from the project root, not import.meta.dirname: inside Next's server bundle that is undefined.
export const modelSimEntry = (projectRoot = process.cwd()) => path.join(projectRoot, "bin/model-sim.mjs");

export type TModelSimProcess = {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
};

export type TModelSimProcessOptions = {
  /** Extra arguments, e.g. ["--profile", "lossy", "--seed", "7"]. */
  args?: string[];
  /** The request log (JSON lines). */
  logFile?: string;
  startTimeoutMs?: number;
  /** Where bin/model-sim.mjs lives (default: the working directory). */
  projectRoot?: string;
};

/** Starts `bin/model-sim.mjs` on a free port of 127.0.0.1 and waits for the {url} line it prints when ready. */
export async function startModelSimProcess(options: TModelSimProcessOptions = {}): Promise<TModelSimProcess> {
  const args = [modelSimEntry(options.projectRoot), "--port", "0", ...(options.logFile ? ["--log", options.logFile] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    const url = /"url":"([^"]+)"/.exec(output)?.[1];
    if (url) return { url, child, stop };
    if (child.exitCode !== null) throw new Error(`model-sim exited with ${child.exitCode}: ${output.trim()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`model-sim did not start within ${options.startTimeoutMs ?? 20_000} ms: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A request log file written with --log, oldest first ([] when it does not exist yet). */
export async function readRequestLog(file: string): Promise<TRequestLogEntry[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TRequestLogEntry);
}
