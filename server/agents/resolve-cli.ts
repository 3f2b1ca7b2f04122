import { access, constants, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createIsolatedEnv, type TEnvProfile } from "./isolated-env";
import { runProcess } from "./run-process";

// Finds a CLI at explicit paths (the project's node_modules or a configured override, never PATH by accident),
// and probes `--version` once per binary (cached by path and modification time).

/** How to start a CLI: a native binary directly, a JS entry through this Node. */
export type TCommand = { command: string; prefixArgs: string[] };

export type TDetectResult = {
  installed: boolean;
  version?: string;
  binaryPath?: string;
  /** Why it is not installed, when it is not. */
  problem?: string;
};

export type TResolvedCli = TDetectResult & { command?: TCommand };

export type TResolveCliOptions = {
  label: string;
  /** Absolute candidate paths, tried in order. */
  candidates: string[];
  /** Told to the user when nothing is found, e.g. "npm install @anthropic-ai/claude-code, or set AGENT_CLAUDE_BIN". */
  installHint: string;
  /** Arguments of the version probe; null = existence is enough. */
  versionArgs: string[] | null;
  timeoutMs: number;
  /** The CLI's isolation, so the probe writes nothing outside a throw-away HOME. */
  profile: TEnvProfile;
};

const JS_ENTRY = /\.(c|m)?js$/;

export function commandForFile(file: string): TCommand {
  return JS_ENTRY.test(file) ? { command: process.execPath, prefixArgs: [file] } : { command: file, prefixArgs: [] };
}

/** An explicit override wins; relative paths are taken from projectRoot. */
export function candidatePaths(projectRoot: string, override: string | undefined, defaults: string[]): string[] {
  const root = path.resolve(projectRoot);
  return override ? [path.resolve(root, override)] : defaults.map((relative) => path.join(root, relative));
}

// Every submit asks for every agent's state: stat() and access() on each candidate per request cost a POST about
// 1 ms of the web process's CPU (npm run bench:api). A file's state is trusted for 2 s; an install shows within that.
const FILE_CHECK_TTL_MS = 2_000;
const fileChecks = new Map<string, { at: number; check: Promise<{ ok: boolean; mtimeMs: number }> }>();

function usableFile(file: string, now = Date.now()): Promise<{ ok: boolean; mtimeMs: number }> {
  const recent = fileChecks.get(file);
  if (recent && now - recent.at < FILE_CHECK_TTL_MS) return recent.check;
  const check = checkFile(file);
  fileChecks.set(file, { at: now, check });
  return check;
}

async function checkFile(file: string): Promise<{ ok: boolean; mtimeMs: number }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, mtimeMs: 0 };
    if (!JS_ENTRY.test(file)) await access(file, constants.X_OK);
    return { ok: true, mtimeMs: info.mtimeMs };
  } catch {
    return { ok: false, mtimeMs: 0 };
  }
}

export const VERSION_PATTERN = /\d+\.\d+\.\d+[\w.+-]*/;

async function probeVersion(command: TCommand, options: TResolveCliOptions) {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "mb-agent-probe-"));
  const isolated = await createIsolatedEnv({ runDir: scratch, profile: options.profile });
  const output: string[] = [];
  try {
    const run = await runProcess({
      command: command.command,
      args: [...command.prefixArgs, ...(options.versionArgs ?? [])],
      cwd: isolated.tmp,
      env: isolated.env,
      timeoutMs: options.timeoutMs,
      onLine: (_stream, line) => output.push(line),
    });
    const text = output.join("\n").trim();
    if (run.exitCode === 0) return { version: text.match(VERSION_PATTERN)?.[0] ?? text.split("\n")[0] };
    const why = run.timedOut ? `timed out after ${options.timeoutMs} ms` : `exit ${run.exitCode ?? run.signal}`;
    return { problem: `${why}${text ? `: ${text.slice(0, 300)}` : ""}` };
  } catch (error) {
    return { problem: (error as Error).message };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const cache = new Map<string, Promise<TResolvedCli>>();

/** Forget cached probes (tests, or after installing a CLI). */
export function clearCliCache() {
  cache.clear();
  fileChecks.clear();
}

async function probeCandidate(file: string, mtimeMs: number, options: TResolveCliOptions): Promise<TResolvedCli> {
  const key = `${file}\0${mtimeMs}\0${(options.versionArgs ?? []).join("\0")}`;
  let probe = cache.get(key);
  if (!probe) {
    const command = commandForFile(file);
    probe = (async () => {
      if (options.versionArgs === null) return { installed: true, binaryPath: file, command };
      const { version, problem } = await probeVersion(command, options);
      if (problem !== undefined) {
        return { installed: false, binaryPath: file, problem: `${options.label} at ${file} fails \`--version\` (${problem})` };
      }
      return { installed: true, binaryPath: file, version, command };
    })();
    cache.set(key, probe);
  }
  return probe;
}

export async function resolveCli(options: TResolveCliOptions): Promise<TResolvedCli> {
  let firstFailure: TResolvedCli | undefined;
  for (const file of options.candidates) {
    const { ok, mtimeMs } = await usableFile(file);
    if (!ok) continue;
    const resolved = await probeCandidate(file, mtimeMs, options);
    if (resolved.installed) return resolved;
    firstFailure ??= resolved;
  }
  return (
    firstFailure ?? {
      installed: false,
      problem: `${options.label} is not installed: none of ${options.candidates.join(", ")} exists (${options.installHint})`,
    }
  );
}
