import { describe, expect, it } from "vitest";
import { createClaudeParser } from "./claude";
import { parseFixture } from "./fixtures/helpers";
import { createGeminiParser } from "./gemini";
import type { TLineParser, TParsedTurn } from "./line-parser";
import { createSimParser } from "./sim";

// Every stdout parser on recorded outputs (fixtures/<agent>/): unknown line types, init not first, keys in any order,
// streaming deltas and non-JSON noise lines are all in there. iFlow's stateful footer parser has its own test.

type TCase = { agent: string; file: string; parser: () => TLineParser; expected: Partial<TParsedTurn> };

const CLAUDE_SESSION = "cb66a1f2-4c1e-4a47-9d0e-5b7d2f0c9e11";

const cases: TCase[] = [
  {
    agent: "claude",
    file: "auto-compaction.jsonl",
    parser: createClaudeParser,
    expected: {
      text: "FAKE-REPLY #5 to: third turn",
      sessionId: CLAUDE_SESSION,
      isError: false,
      compressions: [{ trigger: "auto", tokensBefore: 970015, tokensAfter: 2642, source: "stdout" }],
      usage: { inputTokens: 12595, outputTokens: 12, cacheReadTokens: 0, contextTokens: 12596, costUsd: 0.04988 },
    },
  },
  {
    agent: "claude",
    file: "manual-compact.jsonl", // status lines before init, empty result
    parser: createClaudeParser,
    expected: {
      text: "",
      sessionId: "902d3c44-1b7a-4f0e-8a55-1c2b3d4e5f60",
      compressions: [{ trigger: "manual", tokensBefore: 25120, tokensAfter: 1980, source: "stdout" }],
    },
  },
  {
    agent: "claude",
    file: "tool-turn.jsonl", // usage counts cache writes as input; context = last call's window
    parser: createClaudeParser,
    expected: {
      text: "The notes list 3 apples.",
      toolCalls: 1,
      compressions: [],
      usage: { inputTokens: 1080, outputTokens: 49, cacheReadTokens: 1000, contextTokens: 1089, costUsd: 0.0031 },
    },
  },
  {
    agent: "claude",
    file: "error-max-turns.jsonl",
    parser: createClaudeParser,
    expected: { isError: true, error: "Reached maximum number of turns (1)", toolCalls: 1 },
  },
  {
    agent: "qwen",
    file: "turn.jsonl", // Qwen prints Claude's line types, plus goal_state stream events and a ripgrep warning
    parser: createClaudeParser,
    expected: {
      text: "FAKE-REPLY #4 to: second turn",
      sessionId: "21b3f0c8-55aa-4c2e-8f11-2233445566ff",
      usage: { inputTokens: 11634, outputTokens: 12, contextTokens: 11646 },
      compressions: [],
    },
  },
  {
    agent: "gemini",
    file: "tool-turn.jsonl", // deltas before and after a tool call: the reply is the text after it
    parser: createGeminiParser,
    expected: {
      text: "The file is empty.",
      sessionId: "ed09b6c2-7d1f-4e3a-9b8c-0a1b2c3d4e5f",
      toolCalls: 1,
      isError: false,
      compressions: [],
      usage: { inputTokens: 613095, outputTokens: 60, cacheReadTokens: 12 },
    },
  },
  {
    agent: "gemini",
    file: "error-turn.jsonl",
    parser: createGeminiParser,
    expected: { isError: true, error: "API Error: quota exceeded", text: "" },
  },
  {
    agent: "sim",
    file: "turn-with-compression.jsonl",
    parser: createSimParser,
    expected: {
      text: "src/a.ts adds retryFetch; src/b.ts calls it.",
      sessionId: "sim-7f3a",
      usage: { inputTokens: 5260, outputTokens: 40, contextTokens: 5300 },
      compressions: [{ trigger: "auto", tokensBefore: 16400, tokensAfter: 5100, source: "stdout" }],
      isError: false,
      toolCalls: 2,
    },
  },
];

describe("stdout parsers on recorded outputs", () => {
  it.each(cases)("$agent/$file", async ({ agent, file, parser, expected }) => {
    expect(await parseFixture(parser(), agent, file)).toMatchObject(expected);
  });
});
