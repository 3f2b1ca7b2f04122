import { execFile } from "node:child_process";
import path from "node:path";

// Runs bin/sim-agent.mjs as a real process (argument array, prompt on stdin) and parses its JSONL.

export const SIM_AGENT_BIN = path.resolve(import.meta.dirname, "../../../bin/sim-agent.mjs");

export type TSimEvent =
  | { type: "init"; session_id: string }
  | { type: "tool"; name: string; path: string }
  | { type: "compression"; trigger: string; tokens_before: number; tokens_after: number }
  | { type: "assistant"; text: string }
  | {
      type: "result";
      session_id: string;
      usage: { input_tokens: number; output_tokens: number; context_tokens: number };
      duration_ms: number;
      is_error: boolean;
      error?: string;
    };

export type TSimRun = { code: number; stdout: string; stderr: string; events: TSimEvent[] };

export function runSimAgent(args: string[], prompt: string, cwd: string): Promise<TSimRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [SIM_AGENT_BIN, ...args], { cwd, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      if (error && code === -1) return reject(error);
      const events = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as TSimEvent);
      resolve({ code, stdout, stderr, events });
    });
    child.stdin?.end(prompt);
  });
}

/** A session of turns against one profile; each turn after the first resumes the session. */
export function simSession(opts: { profile: string; sessionDir: string; seed: number; contextLimit: number }) {
  let sessionId: string | undefined;
  const base = ["--profile", opts.profile, "--session-dir", opts.sessionDir, "--seed", String(opts.seed), "--context-limit", String(opts.contextLimit)];
  return {
    get sessionId() {
      return sessionId;
    },
    async turn(prompt: string, cwd: string): Promise<TSimRun & { text: string }> {
      const run = await runSimAgent([...base, ...(sessionId ? ["--resume", sessionId] : [])], prompt, cwd);
      if (run.code !== 0) throw new Error(`sim-agent exited with ${run.code}: ${run.stderr}`);
      const init = run.events.find((e) => e.type === "init");
      if (init?.type === "init") sessionId = init.session_id;
      const reply = run.events.find((e) => e.type === "assistant");
      return { ...run, text: reply?.type === "assistant" ? reply.text : "" };
    },
  };
}
