// The one interface every agent adapter implements (claude, gemini, qwen, iflow, custom, sim).
// The pipeline only ever talks to an AgentSession; adding a CLI is one adapter file plus a registry line.

export type TAgentUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  /** Tokens in the context window after the turn, when the CLI reports it. */
  contextTokens?: number;
  costUsd?: number;
};

export type TCompressionEvent = {
  trigger: "auto" | "manual" | "threshold" | "jump" | "unknown";
  tokensBefore?: number;
  tokensAfter?: number;
  /** Where it was seen: "stdout", "telemetry", "session-file", "footer". */
  source: string;
  /** What was seen when there are no token counts, e.g. "context left 45% -> 28%". */
  detail?: string;
};

export type TAgentTurnResult = {
  sessionId: string;
  text: string; // the final assistant reply of the turn
  usage: TAgentUsage;
  compressions: TCompressionEvent[];
  durationMs: number;
  exitCode: number | null;
  /** The CLI reported an error, exited non-zero or timed out; `error` says why. */
  isError?: boolean;
  error?: string;
  timedOut?: boolean;
  /** Tool calls the agent made during the turn, when the output shows them. */
  toolCalls?: number;
};

export type TAgentLogLine = { stream: "stdout" | "stderr" | "system"; line: string };

export type TTurnOptions = {
  /** Working directory of the turn: the repo, or an empty dir in the memory-only phase. */
  cwd: string;
  signal: AbortSignal;
  timeoutMs: number;
};

export type TAgentSession = {
  readonly agentId: string;
  /** Set after the first turn; later turns resume it. */
  readonly sessionId: string | undefined;
  turn(prompt: string, opts: TTurnOptions): Promise<TAgentTurnResult>;
  /** Removes the run's private HOME/TMPDIR, keeping what the bundle needs under runDir/keep. */
  dispose(): Promise<void>;
};

export type TOpenSessionOptions = {
  /** A private folder for this run (HOME, TMPDIR, settings, session files live under it). */
  runDir: string;
  /** Deterministic seed (sim) and context limit the task asked for. */
  seed: number;
  contextTokenLimit: number;
  onLine: (line: TAgentLogLine) => void;
};

export type TAgentInfo = {
  id: string;
  label: string;
  kind: "cli" | "custom" | "sim";
  simulated: boolean;
  installed: boolean;
  version?: string;
  binaryPath?: string;
  /** Why it is not installed, when it is not. */
  problem?: string;
};
