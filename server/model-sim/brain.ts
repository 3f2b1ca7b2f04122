import { createHash } from "node:crypto";
import { valueForSchema } from "./json-reply";
import { awaitsFirstStep, conversationNotes, latestPrompt, SUMMARY_HEADER, workspaceDir } from "./memory";
import { kit } from "./sim-agent-kit";
import { writeSummary } from "./summary";
import { estimateTokens, reportedInput } from "./usage";
import type { TConversation, TProtocol, TReply, TSimProfile, TToolCall, TToolSpec } from "./types";

// What the simulated model replies to one request, from the request alone (no state between requests):
// a JSON-mode call gets schema-shaped JSON; a compaction request gets a summary (summary.ts); a study or deep-dive
// prompt first gets a call to the CLI's read tool for the file it names; everything else an answer from the
// conversation's notes (the sim-agent's answering, memory.ts).

export type TBrainOptions = {
  profile: TSimProfile;
  seed: number;
  multiplier: number;
  pressure: Record<TProtocol, number>;
};

/** The instructions each CLI sends when it compacts (Claude Code, Gemini CLI and Qwen Code, as recorded). */
const SUMMARY_REQUESTS = [
  /create a detailed summary of the conversation so far/i, // Claude Code
  /(?:generate|produce) the (?:updated |final )?<state_snapshot>/i, // Gemini CLI, Qwen Code
  /summarizes a conversation when its context window is about to overflow/i, // Qwen Code (its forked call)
];
/** Gemini CLI's second compression call: the snapshot it just got, to be checked. */
const SUMMARY_CHECK = /critically evaluate the <state_snapshot>/i;

/** The file a study or deep-dive prompt asks the agent to look at (prompts/turns). */
const READ_REQUESTS = [
  /Read the file `([^`]+)` in the workspace/,
  /^Open `([^`]+)` and explain/m,
  /^Look at `([^`]+)` again\./m,
  /^Review hunk \d+ of \d+ in `([^`]+)`/m,
  /^Which tests would you write for the change to `([^`]+)`/m,
  /^How do the changes to `([^`]+)` and/m,
  /^The change removes `[^`]+` from `([^`]+)`/m,
];

const READ_TOOLS = ["Read", "read_file", "ReadFile", "read"];

function findReadTool(tools: TToolSpec[]): { tool: TToolSpec; pathKey: string } | undefined {
  const tool = READ_TOOLS.map((name) => tools.find((t) => t.name === name)).find(Boolean);
  if (!tool) return undefined;
  const keys = Object.keys(tool.schema.properties ?? {});
  const pathKey = ["file_path", "absolute_path", "path", "filePath"].find((k) => keys.includes(k)) ?? keys[0] ?? "file_path";
  return { tool, pathKey };
}

/** Absolute when the tool wants it (its description or key says so) and the workspace is known. */
function toolPath(file: string, tool: TToolSpec, pathKey: string, workspace: string | undefined): string {
  const wantsAbsolute = pathKey === "absolute_path" || /absolute/i.test(JSON.stringify(tool.schema.properties?.[pathKey] ?? {}));
  return wantsAbsolute && workspace ? `${workspace.replace(/\/$/, "")}/${file}` : file;
}

const callId = (protocol: TProtocol, seed: number, text: string) =>
  `${protocol === "anthropic" ? "toolu" : "call"}_sim_${createHash("sha256").update(`${seed}:${text}`).digest("hex").slice(0, 20)}`;

function systemAndLastText(conversation: TConversation): string {
  const last = conversation.turns.at(-1);
  const lastText = last?.role === "user" ? last.parts.map((p) => (p.kind === "text" ? p.text : "")).join("\n") : "";
  return `${conversation.system}\n${lastText}`;
}

/** A compaction call: its instruction is the system prompt or the last user message (Claude and Qwen also send tools). */
export function isSummaryRequest(conversation: TConversation): boolean {
  return SUMMARY_REQUESTS.some((p) => p.test(systemAndLastText(conversation)));
}

/** The summary text the last assistant turn holds (for the check call). */
function previousSummary(conversation: TConversation): string | undefined {
  for (const turn of [...conversation.turns].reverse()) {
    for (const part of turn.parts) if (part.kind === "text" && part.text.includes(SUMMARY_HEADER)) return part.text;
  }
  return undefined;
}

function wrapSummary(protocol: TProtocol, summary: string): string {
  return protocol === "anthropic" ? `<summary>\n${summary}\n</summary>` : `<state_snapshot>\n${summary}\n</state_snapshot>`;
}

function countSummaries(conversation: TConversation): number {
  return conversation.turns.filter((t) => t.parts.some((p) => p.kind === "text" && p.text.includes(SUMMARY_HEADER))).length;
}

function readStep(conversation: TConversation, seed: number): TToolCall | undefined {
  if (!awaitsFirstStep(conversation)) return undefined;
  const prompt = latestPrompt(conversation);
  const file = READ_REQUESTS.map((pattern) => pattern.exec(prompt)?.[1]).find(Boolean);
  const read = file ? findReadTool(conversation.tools) : undefined;
  if (!file || !read) return undefined;
  const args = { [read.pathKey]: toolPath(file, read.tool, read.pathKey, workspaceDir(conversation)) };
  return { id: callId(conversation.protocol, seed, `${conversation.turns.length}:${prompt}`), name: read.tool.name, args };
}

export function think(conversation: TConversation, options: TBrainOptions): TReply {
  const reply = (kind: TReply["kind"], text: string, allowPressure: boolean, toolCall?: TToolCall): TReply => {
    const input = reportedInput(conversation, { multiplier: options.multiplier, pressure: options.pressure, allowPressure });
    const outputChars = text.length + (toolCall ? JSON.stringify(toolCall.args).length + toolCall.name.length : 0);
    return {
      kind,
      text,
      ...(toolCall && { toolCall }),
      usage: { inputTokens: input.inputTokens, outputTokens: estimateTokens(outputChars, 1) },
      pressure: input.pressure,
    };
  };

  if (conversation.jsonSchema) return reply("json", JSON.stringify(valueForSchema(conversation.jsonSchema)), false);
  if (SUMMARY_CHECK.test(systemAndLastText(conversation))) {
    const previous = previousSummary(conversation);
    if (previous) return reply("summary-check", previous, false);
  }
  if (isSummaryRequest(conversation)) {
    const notes = conversationNotes(conversation);
    const summary = writeSummary(notes, options.profile, options.seed, countSummaries(conversation), workspaceDir(conversation));
    return reply("summary", wrapSummary(conversation.protocol, summary), false);
  }
  const toolCall = readStep(conversation, options.seed);
  if (toolCall) return reply("tool-call", "", true, toolCall);
  const text = kit.answer(latestPrompt(conversation), conversationNotes(conversation));
  return reply("answer", text, true);
}
