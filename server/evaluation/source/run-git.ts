import { execFile } from "node:child_process";

// Runs git with an argument array (never a shell), without prompts, with a timeout and an AbortSignal.

export type TGitOptions = {
  cwd: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Extra environment, e.g. GIT_CONFIG_* carrying an auth header (kept out of argv and off disk). */
  env?: Record<string, string>;
  maxBuffer?: number;
};

export class GitCommandError extends Error {
  constructor(
    /** The git subcommand, e.g. "fetch" (never the full argv, which may hold URLs with credentials). */
    public readonly command: string,
    public readonly stderr: string,
    public readonly exitCode: number | null,
    public readonly timedOut: boolean,
  ) {
    super(timedOut ? `git ${command} timed out` : `git ${command} failed: ${gitReason(stderr) || `exit code ${exitCode}`}`);
    this.name = "GitCommandError";
  }
}

const DEFAULT_TIMEOUT_MS = 120_000;

export function runGit(args: string[], opts: TGitOptions): Promise<string> {
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GCM_INTERACTIVE: "never",
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
    LC_ALL: "C",
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      {
        cwd: opts.cwd,
        env,
        signal: opts.signal,
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (opts.signal?.aborted) return reject(opts.signal.reason ?? error);
        const exitCode = typeof error.code === "number" ? error.code : null;
        reject(new GitCommandError(args.find((a) => !a.startsWith("-")) ?? "git", stderr, exitCode, error.killed === true));
      },
    );
  });
}

/** The first "fatal:" line of git's stderr (else its last line), without credentials in URLs, for messages. */
export function gitReason(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("hint:"));
  const fatal = lines.filter((l) => /^(fatal|error):/.test(l));
  const line = (fatal[0] ?? lines.at(-1) ?? "").replace(/^(fatal|error):\s*/, "");
  return line.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s']+@/gi, "$1");
}
