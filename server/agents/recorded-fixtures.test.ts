import { describe, expect, it } from "vitest";
import { createClaudeParser, type TUsageSource } from "./claude";
import { readFixture } from "./fixtures/helpers";
import { createGeminiParser, geminiTelemetryCompressions } from "./gemini";
import { parseJsonLine, type TJson, type TLineParser, type TParsedTurn } from "./line-parser";
import { qwenSessionCompressions } from "./qwen";
import type { TCompressionEvent } from "./types";

// The parsers on golden files recorded from the real CLIs against the model simulator
// (fixtures/record-fixtures.ts; recorded.json holds the version and the compression each recording saw).
// Each recording is also fed back perturbed: unknown line types and noise added, keys reversed, the init line moved
// after the others, so nothing depends on line order, key order or knowing every line type.

type TCli = "claude" | "gemini" | "qwen";
type TRecorded = { version: string; turns: number; compression: TCompressionEvent; compactionTurn: number };

const PARSERS: Record<TCli, () => TLineParser> = {
  claude: () => createClaudeParser(),
  gemini: createGeminiParser,
  qwen: () => createClaudeParser("assistant" satisfies TUsageSource),
};

const recordedLines = async (cli: TCli, file: string) => (await readFixture(cli, file)).split("\n").filter((line) => line.trim() !== "");

function parse(cli: TCli, lines: string[]): TParsedTurn {
  const parser = PARSERS[cli]();
  for (const line of lines) parser.push(line, "stdout");
  return parser.finish();
}

const reverseKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reverseKeys)
    : typeof value === "object" && value !== null
      ? Object.fromEntries(Object.entries(value as TJson).reverse().map(([k, v]) => [k, reverseKeys(v)]))
      : value;

function perturb(lines: string[]): string[] {
  const reversed = lines.map((line) => {
    const event = parseJsonLine(line);
    return event ? JSON.stringify(reverseKeys(event)) : line;
  });
  const isInit = (line: string) => parseJsonLine(line)?.type === "init" || parseJsonLine(line)?.subtype === "init";
  const init = reversed.filter(isInit);
  const rest = reversed.filter((line) => !isInit(line));
  return [
    '{"type":"system","subtype":"ui_invalidate"}',
    "Warning: 256-color support not detected.",
    rest[0]!,
    '{"type":"stream_event","event":{"type":"something_new","payload":{"type":"result"}}}',
    ...init,
    ...rest.slice(1),
    '{"type":"telemetry_flush","count":3}',
  ];
}

const FILES = ["recorded-first-turn.jsonl", "recorded-tool-turn.jsonl", "recorded-compaction-turn.jsonl", "recorded-memory-only-turn.jsonl"];

describe.each(["claude", "gemini", "qwen"] as const)("%s: recorded stdout", (cli) => {
  it.each(FILES)("%s parses to a successful turn of one session, whatever the line and key order", async (file) => {
    const lines = await recordedLines(cli, file);
    const parsed = parse(cli, lines);
    const init = lines.map(parseJsonLine).find((event) => event?.type === "init" || event?.subtype === "init");
    expect(parsed.isError).toBe(false);
    expect(parsed.sessionId).toBe(init?.session_id);
    expect(parsed.text.length).toBeGreaterThan(0);
    expect(parsed.usage.inputTokens).toBeGreaterThan(0);
    expect(parse(cli, perturb(lines))).toEqual(parsed);
  });

  it("the tool turn counts its tool call, and the reply is the text after it", async () => {
    const parsed = parse(cli, await recordedLines(cli, "recorded-tool-turn.jsonl"));
    expect(parsed.toolCalls).toBe(1);
    expect(parsed.text).toMatch(/^From what I remember: `src\/\w+\.ts`/);
  });
});

describe("claude: compaction in stdout", () => {
  it("reads compact_boundary (trigger, tokens before and after) from the compacting turn, and from the session file", async () => {
    const recorded = JSON.parse(await readFixture("claude", "recorded.json")) as TRecorded;
    const parsed = parse("claude", await recordedLines("claude", "recorded-compaction-turn.jsonl"));
    expect(parsed.compressions).toEqual([recorded.compression]);
    expect(recorded.compression).toMatchObject({ trigger: "auto", source: "stdout" });
    // The session file's record has the same figures in camelCase.
    const sessionRecord = parse("claude", await recordedLines("claude", "recorded-session-compact.jsonl"));
    expect(sessionRecord.compressions).toEqual([recorded.compression]);
  });

  it("takes per-turn usage from the result line: each assistant line repeats its call's usage per content block", async () => {
    const lines = await recordedLines("claude", "recorded-tool-turn.jsonl");
    const result = lines.map(parseJsonLine).find((event) => event?.type === "result")!;
    expect(parse("claude", lines).usage.inputTokens).toBe((result.usage as TJson).input_tokens);
  });
});

describe("gemini: compaction only in the telemetry outfile", () => {
  it("prints nothing about it on stdout; the telemetry records it with tokens before and after", async () => {
    const recorded = JSON.parse(await readFixture("gemini", "recorded.json")) as TRecorded;
    expect(parse("gemini", await recordedLines("gemini", "recorded-compaction-turn.jsonl")).compressions).toEqual([]);
    expect(geminiTelemetryCompressions(await readFixture("gemini", "recorded-telemetry.log"))).toEqual([recorded.compression]);
    expect(recorded.compression.tokensBefore).toBeGreaterThan(recorded.compression.tokensAfter!);
  });

  it("joins the streamed deltas of the reply", async () => {
    const lines = await recordedLines("gemini", "recorded-compaction-turn.jsonl");
    const deltas = lines.map(parseJsonLine).filter((event) => event?.type === "message" && event.delta === true);
    expect(deltas.length).toBeGreaterThan(1);
    expect(parse("gemini", lines).text).toBe(deltas.map((event) => event!.content).join(""));
  });
});

describe("qwen: compaction only in the session file", () => {
  it("prints nothing about it on stdout; the session file's chat_compression record has it", async () => {
    const recorded = JSON.parse(await readFixture("qwen", "recorded.json")) as TRecorded;
    expect(parse("qwen", await recordedLines("qwen", "recorded-compaction-turn.jsonl")).compressions).toEqual([]);
    expect(qwenSessionCompressions(await readFixture("qwen", "recorded-session.jsonl"))).toEqual([recorded.compression]);
  });

  it("sums the turn's own API calls: a resumed session's result line carries the whole session's totals", async () => {
    const lines = await recordedLines("qwen", "recorded-memory-only-turn.jsonl");
    const events = lines.map(parseJsonLine);
    const calls = events.filter((event) => event?.type === "assistant").map((event) => (event!.message as TJson).usage as TJson);
    const result = events.find((event) => event?.type === "result")!;
    const parsed = parse("qwen", lines);
    expect(parsed.usage.inputTokens).toBe(calls.reduce((sum, usage) => sum + (usage.input_tokens as number), 0));
    expect((result.usage as TJson).input_tokens as number).toBeGreaterThan(parsed.usage.inputTokens * 2);
  });
});
