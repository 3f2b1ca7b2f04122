// The model simulator's own vocabulary: every protocol's request is read into a TConversation, the brain answers it
// with a TReply, and the protocol writes that reply back in its own wire format.

export type TProtocol = "anthropic" | "gemini" | "openai";

export type TToolCall = { id: string; name: string; args: Record<string, unknown> };

export type TPart =
  | { kind: "text"; text: string }
  | { kind: "tool-call"; call: TToolCall }
  | { kind: "tool-result"; callId?: string; name?: string; text: string };

export type TTurn = { role: "user" | "assistant"; parts: TPart[] };

export type TToolSpec = { name: string; schema: TJsonSchema };

export type TJsonSchema = {
  type?: string | string[];
  properties?: Record<string, TJsonSchema>;
  items?: TJsonSchema;
  enum?: unknown[];
  required?: string[];
  anyOf?: TJsonSchema[];
  [key: string]: unknown;
};

export type TConversation = {
  protocol: TProtocol;
  model: string;
  /** System prompt(s) joined; mid-conversation system messages are appended here too. */
  system: string;
  turns: TTurn[];
  tools: TToolSpec[];
  /** JSON mode: the response schema (Gemini responseJsonSchema, OpenAI json_schema), or {} when only JSON is asked. */
  jsonSchema?: TJsonSchema;
  stream: boolean;
  /** Size of the request's text (system, tools, messages) in characters, for the token estimate. */
  chars: number;
};

export type TReplyKind = "answer" | "tool-call" | "summary" | "summary-check" | "json";

export type TReply = {
  kind: TReplyKind;
  text: string;
  toolCall?: TToolCall;
  usage: { inputTokens: number; outputTokens: number };
  /** The reported input was raised to make the CLI compact. */
  pressure: boolean;
};

/** What the simulator keeps when a CLI asks it to summarise (see summary.ts). */
export type TSimProfile = {
  id: string;
  description: string;
  /** Chance that a code note (a diff, a file's declarations) makes it into the summary. */
  retention: number;
  /** Chance for the session's rule, statements and corrections. */
  ruleRetention: number;
};

export type TModelSimOptions = {
  host?: string;
  /** 0: a free port. */
  port?: number;
  profile?: string;
  seed?: number;
  /** Reported input tokens = estimate (characters / 4) × this. Default 1. */
  usageMultiplier?: number;
  /**
   * Input tokens reported once the deep-dive has begun and nothing has been summarised yet, per protocol: enough to
   * cross each CLI's compaction threshold whatever its context settings (see usage.ts for the defaults).
   */
  pressureTokens?: Partial<Record<TProtocol, number>>;
  /** Appends one JSON line per request. */
  logFile?: string;
  /** Saves every request body as <dir>/<seq>.json (debugging and re-recording). */
  bodiesDir?: string;
  /** Holds every model reply this long before answering (a slow model: lets tests catch a CLI mid-turn). Default 0. */
  delayMs?: number;
};

export type TRequestLogEntry = {
  seq: number;
  protocol: TProtocol | "other";
  method: string;
  path: string;
  status: number;
  model?: string;
  kind?: TReplyKind;
  messages?: number;
  tools?: number;
  /** The prompt the reply answered (shortened). */
  prompt?: string;
  reply?: string;
  toolCall?: string;
  estimatedTokens?: number;
  reportedInputTokens?: number;
  outputTokens?: number;
  pressure?: boolean;
  /** The whole summary a compaction request got (`reply` is shortened): what the summary kept, and so what it dropped. */
  summary?: string;
  /** How long the reply was held back (--delay-ms). */
  delayMs?: number;
  error?: string;
};
