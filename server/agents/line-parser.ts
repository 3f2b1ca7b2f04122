import type { TAgentUsage, TCompressionEvent } from "./types";
import type { TOutputStream } from "./run-process";

// The shared shape of every adapter's output parser: lines in, one turn out.
// JSON lines are dispatched by their fields (never by key order or line position); anything else is noise
// unless the adapter wants it (plain-text output, iFlow's footer).

export type TParsedTurn = {
  text: string;
  sessionId?: string;
  usage: TAgentUsage;
  compressions: TCompressionEvent[];
  isError: boolean;
  error?: string;
  toolCalls: number;
};

export type TLineParser = {
  push(line: string, stream?: TOutputStream): void;
  finish(): TParsedTurn;
};

/** The mutable turn an event handler fills in. */
export type TTurnDraft = Omit<TParsedTurn, "text"> & {
  /** The authoritative final reply (e.g. a result line's text); wins over the segments. */
  finalText?: string;
  /** Assistant text since the last tool call; a tool call starts a new segment. */
  segments: string[];
  /** Text seen only as streaming deltas: the last resort. */
  deltaText: string;
};

export type TJson = Record<string, unknown>;
export type TEventHandler = (event: TJson, draft: TTurnDraft) => void;
export type TOtherLineHandler = (line: string, stream: TOutputStream, draft: TTurnDraft) => void;

export const record = (value: unknown): TJson | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TJson) : undefined;
export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

export function parseJsonLine(line: string): TJson | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    return record(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

export function newDraft(): TTurnDraft {
  return { usage: { inputTokens: 0, outputTokens: 0 }, compressions: [], isError: false, toolCalls: 0, segments: [""], deltaText: "" };
}

export const appendText = (draft: TTurnDraft, text: string) => {
  draft.segments[draft.segments.length - 1] += text;
};
export const replaceText = (draft: TTurnDraft, text: string) => {
  draft.segments[draft.segments.length - 1] = text;
};
export const startToolCall = (draft: TTurnDraft) => {
  draft.toolCalls += 1;
  draft.segments.push("");
};

export function finishDraft(draft: TTurnDraft): TParsedTurn {
  const { finalText, segments, deltaText, ...turn } = draft;
  const lastSegment = [...segments].reverse().find((segment) => segment.trim() !== "");
  return { ...turn, text: (finalText ?? lastSegment ?? deltaText).trim() };
}

export function createJsonLineParser(onEvent: TEventHandler, onOther?: TOtherLineHandler): TLineParser {
  const draft = newDraft();
  return {
    push(line, stream = "stdout") {
      const event = stream === "stdout" ? parseJsonLine(line) : undefined;
      if (event) onEvent(event, draft);
      else onOther?.(line, stream, draft);
    },
    finish: () => finishDraft(draft),
  };
}

/** Plain-text output: every stdout line, JSON or not, is part of the reply. */
export function createTextParser(): TLineParser {
  const draft = newDraft();
  return {
    push(line, stream = "stdout") {
      if (stream === "stdout") appendText(draft, `${line}\n`);
    },
    finish: () => finishDraft(draft),
  };
}
