import { spawn } from "node:child_process";

// Runs one CLI invocation as an argument array (never a shell) in a process group of its own,
// so a timeout or an abort takes down the CLI and everything it started.

export type TOutputStream = "stdout" | "stderr";

export type TRunProcessOptions = {
  command: string;
  args: string[];
  cwd: string;
  /** The whole environment of the child; only PATH is inherited when it is missing here. */
  env: Record<string, string>;
  /** Written to stdin, which is then closed (at once when there is nothing to write). */
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onLine?: (stream: TOutputStream, line: string) => void;
  /** A longer line is cut to this many characters (the rest up to the newline is dropped). */
  maxLineChars?: number;
  /** Delay between SIGTERM and SIGKILL of the group. */
  killGraceMs?: number;
  /** Called with the child's pid, which is also its process group id. */
  onSpawn?: (pid: number) => void;
};

export type TRunProcessResult = {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
};

export const MAX_LINE_CHARS = 1024 * 1024;
const KILL_GRACE_MS = 3000;
/** After the child exits, how long stdio may stay open (held by an escaped grandchild) before we stop waiting. */
const STDIO_DRAIN_MS = 2000;

/** The one place the parent's environment leaks into a child: PATH, so `node`, `git` and `rg` resolve. */
export function inheritedPath(): string {
  return process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
}

/** Splits a text stream into lines: partial chunks, CRLF, a final unterminated line, a cap per line. */
export function createLineSplitter(onLine: (line: string) => void, maxLineChars = MAX_LINE_CHARS) {
  let buffer = "";
  let skipping = false; // inside the tail of a line already emitted as cut
  const emit = (line: string) => onLine((line.endsWith("\r") ? line.slice(0, -1) : line).slice(0, maxLineChars));
  return {
    push(chunk: string) {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        if (!skipping) emit(buffer.slice(0, newline));
        skipping = false;
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
      if (buffer.length > maxLineChars) {
        if (!skipping) emit(buffer.slice(0, maxLineChars));
        skipping = true;
        buffer = "";
      }
    },
    end() {
      if (buffer.length > 0 && !skipping) emit(buffer);
      buffer = "";
      skipping = false;
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function runProcess(options: TRunProcessOptions): Promise<TRunProcessResult> {
  const started = Date.now();
  const result = (exitCode: number | null, signal: NodeJS.Signals | null, timedOut: boolean, aborted: boolean) => ({
    exitCode,
    signal,
    timedOut,
    aborted,
    durationMs: Date.now() - started,
  });
  if (options.signal?.aborted) return Promise.resolve(result(null, null, false, true));

  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { ...options.env, PATH: options.env.PATH ?? inheritedPath() };
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let timedOut = false;
    let aborted = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const timers: NodeJS.Timeout[] = [];

    const killGroup = () => {
      if (child.pid === undefined) return;
      const pid = child.pid;
      signalGroup(pid, "SIGTERM");
      const escalate = setTimeout(() => signalGroup(pid, "SIGKILL"), options.killGraceMs ?? KILL_GRACE_MS);
      escalate.unref();
    };
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          killGroup();
        }, options.timeoutMs),
      );
    }

    const splitters = (["stdout", "stderr"] as const).map((stream) => {
      const splitter = createLineSplitter((line) => options.onLine?.(stream, line), options.maxLineChars);
      const readable = child[stream];
      readable.setEncoding("utf8");
      readable.on("data", (chunk: string) => splitter.push(chunk));
      return splitter;
    });

    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      for (const splitter of splitters) splitter.end();
      resolve(result(exit?.code ?? null, exit?.signal ?? null, timedOut, aborted));
    };

    child.on("error", (error) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      reject(new Error(`could not start ${options.command}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Whatever the CLI left running in its group is a stray: take it down with the CLI.
      if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
      const drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, STDIO_DRAIN_MS);
      timers.push(drain);
    });
    child.on("close", finish);

    child.stdin.on("error", () => {}); // EPIPE when the child does not read its stdin
    child.stdin.end(options.stdin ?? "");
  });
}
