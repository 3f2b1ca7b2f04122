import { createIsolatedEnv, type TEnvProfile, type TIsolatedEnv } from "./isolated-env";
import type { TLineParser, TParsedTurn } from "./line-parser";
import { runProcess } from "./run-process";
import type { TAgentSession, TAgentTurnResult, TCompressionEvent, TOpenSessionOptions, TTurnOptions } from "./types";

// One session over a CLI that runs once per turn: each turn is a fresh process in the run's isolated environment,
// resumed by the session id the previous turn reported. The adapter supplies the command line and the parser.

export type TTurnInput = {
  prompt: string;
  /** The session's id: the one the last turn reported, or initialSessionId. */
  sessionId: string | undefined;
  /** A turn after the first with an id to resume. */
  resume: boolean;
  /** 0 for the first turn of the session. */
  turn: number;
  cwd: string;
  env: TIsolatedEnv;
};
export type TTurnCommand = { command: string; args: string[]; stdin?: string };

export type TCliSessionSpec = {
  agentId: string;
  options: TOpenSessionOptions;
  profile: TEnvProfile;
  buildTurn(input: TTurnInput): TTurnCommand;
  createParser(): TLineParser;
  /** Runs before each turn's process starts (e.g. moving session files to where the CLI will look for them). */
  beforeTurn?(input: TTurnInput): Promise<void>;
  /** Compressions recorded outside stdout (telemetry or session files), read after each turn. */
  afterTurn?(input: { sessionId: string | undefined; env: TIsolatedEnv; parsed: TParsedTurn }): Promise<TCompressionEvent[]>;
  /** For CLIs that take an id chosen by us rather than reporting one. */
  initialSessionId?: string;
};

const ERROR_TAIL = 5;

/** How the command is shown in the log: arguments JSON-quoted, long ones (the prompt) shortened. */
export function describeCommand(command: string, args: string[]): string {
  const show = (arg: string) => JSON.stringify(arg.length > 120 ? `${arg.slice(0, 117)}...` : arg);
  return [command, ...args].map(show).join(" ");
}

function turnError(parsed: TParsedTurn, exitCode: number | null, timedOut: boolean, stderrTail: string[], timeoutMs: number) {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  if (parsed.isError) return parsed.error ?? "the CLI reported an error";
  if (exitCode !== 0) return `exit ${exitCode ?? "by signal"}${stderrTail.length ? `: ${stderrTail.join("\n")}` : ""}`;
  return undefined;
}

export async function openCliSession(spec: TCliSessionSpec): Promise<TAgentSession> {
  const { options } = spec;
  let env: TIsolatedEnv | undefined;
  let sessionId = spec.initialSessionId;
  let busy = false;
  let turns = 0;

  const runTurn = async (prompt: string, opts: TTurnOptions): Promise<TAgentTurnResult> => {
    env ??= await createIsolatedEnv({ runDir: options.runDir, profile: spec.profile });
    const resume = turns > 0 && sessionId !== undefined;
    const input: TTurnInput = { prompt, sessionId, resume, turn: turns, cwd: opts.cwd, env };
    await spec.beforeTurn?.(input);
    const { command, args, stdin } = spec.buildTurn(input);
    const parser = spec.createParser();
    const stderrTail: string[] = [];
    options.onLine({ stream: "system", line: `$ ${describeCommand(command, args)}` });
    const run = await runProcess({
      command,
      args,
      stdin,
      cwd: opts.cwd,
      env: env.env,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      onLine: (stream, line) => {
        options.onLine({ stream, line });
        parser.push(line, stream);
        if (stream === "stderr" && line.trim() && stderrTail.push(line) > ERROR_TAIL) stderrTail.shift();
      },
    });
    options.onLine({
      stream: "system",
      line: `exit ${run.exitCode ?? run.signal} in ${run.durationMs} ms${run.timedOut ? " (timed out)" : ""}${run.aborted ? " (aborted)" : ""}`,
    });
    if (run.aborted) throw opts.signal.reason instanceof Error ? opts.signal.reason : new Error(`${spec.agentId}: turn aborted`);

    const parsed = parser.finish();
    sessionId = parsed.sessionId ?? sessionId;
    turns += 1;
    const external = spec.afterTurn ? await spec.afterTurn({ sessionId, env, parsed }) : [];
    const error = turnError(parsed, run.exitCode, run.timedOut, stderrTail, opts.timeoutMs);
    return {
      sessionId: sessionId ?? "",
      text: parsed.text,
      usage: parsed.usage,
      compressions: [...parsed.compressions, ...external],
      durationMs: run.durationMs,
      exitCode: run.exitCode,
      isError: error !== undefined,
      ...(error !== undefined && { error }),
      timedOut: run.timedOut,
      toolCalls: parsed.toolCalls,
    };
  };

  return {
    agentId: spec.agentId,
    get sessionId() {
      return sessionId;
    },
    async turn(prompt, opts) {
      if (busy) throw new Error(`${spec.agentId}: a turn is already running in this session`);
      busy = true;
      try {
        return await runTurn(prompt, opts);
      } finally {
        busy = false;
      }
    },
    async dispose() {
      await env?.dispose();
    },
  };
}
