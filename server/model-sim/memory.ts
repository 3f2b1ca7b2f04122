import path from "node:path";
import { kit, type TNote, type TNoteSession } from "./sim-agent-kit";
import type { TConversation, TToolCall } from "./types";

// What the simulated model "knows": only what the request carries. The conversation's user text (prompts, the
// summaries of earlier compactions) and the results of file reads become the sim-agent's notes, in order.

/** The header our summaries start with (summary.ts); a conversation holding it has been compacted. */
export const SUMMARY_HEADER = "Summary of the session so far (model-sim";
const SUMMARY_PATHS = /^Summary of the session so far \(model-sim[^)]*\): we studied a code change touching (.*)\.$/m;
/** A file's declarations as a summary keeps them. */
const SUMMARY_FILE = /^Declarations of `([^`]+)`:\n(`{3,})text\n([\s\S]*?)\n\2$/gm;
const REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;
const LINE_NUMBER = /^\s*\d+(?:\t|→)/;
/** Qwen Code re-attaches recently read files after compacting, embedded in a user message. */
const EMBEDDED_FILE = /Recently accessed file \(full current content embedded\):\s*## (\S+)\n(`{3,})[^\n]*\n([\s\S]*?)\n\2/g;
/** Qwen Code puts a space before a line starting with `@@` (it reads `@` as a file mention): a hunk header still. */
const SPACED_HUNK = /^ (@@ -\d)/gm;
/** Claude Code re-attaches recently read files after compacting, as reminders: the call, then its result. */
const RESTORED_CALL = /Called the (\w+) tool with the following input: (\{.*\})/;
const RESTORED_RESULT = /Result of calling the (\w+) tool:\n([\s\S]*?)<\/system-reminder>/;

/** A user message's text without the reminders some CLIs wrap around it. */
export const cleanText = (text: string) => text.replace(REMINDER, "").trim();

const userText = (conversation: TConversation) =>
  conversation.turns.flatMap((t) => (t.role === "user" ? t.parts.map((p) => (p.kind === "text" ? p.text : "")) : []));

/**
 * The absolute workspace the CLI says it runs in: its environment block (system prompt or first messages), or the
 * line our summaries keep once a compaction has dropped that block.
 */
export function workspaceDir(conversation: TConversation): string | undefined {
  const text = [conversation.system, ...userText(conversation)].join("\n");
  const patterns = [
    /Primary working directory: (\/\S+)/, // Claude Code
    /I'm currently working in the directory: (\/\S+)/, // Qwen Code
    /Workspace Directories:\**\n\s*- (\/\S+)/, // Gemini CLI
    /^Working directory: `(\/[^`]+)`/m, // our summaries
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].replace(/[.,;:]+$/, "");
  }
  return undefined;
}

function relativePath(file: string, workspace: string | undefined): string {
  if (!workspace || !path.isAbsolute(file)) return file;
  const relative = path.relative(workspace, file);
  return relative.startsWith("..") ? file : relative;
}

/** The file a read-tool call asked for, relative to the workspace when it is inside it. */
export function readPath(call: TToolCall, workspace: string | undefined): string | undefined {
  const value = ["file_path", "absolute_path", "path", "filePath"].map((key) => call.args[key]).find((v) => typeof v === "string");
  return typeof value === "string" && /read/i.test(call.name) ? relativePath(value, workspace) : undefined;
}

/** A read tool's output as file text: line-number gutters (Claude's `cat -n` style) and tool chatter removed. */
export function fileTextOf(result: string): string {
  const lines = result.split("\n");
  const numbered = lines.filter((l) => LINE_NUMBER.test(l)).length;
  const body = numbered >= Math.max(1, lines.length / 2) ? lines.filter((l) => LINE_NUMBER.test(l)).map((l) => l.replace(LINE_NUMBER, "")) : lines;
  return cleanText(body.join("\n"));
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function textNotes(session: TNoteSession, text: string, workspace: string | undefined): TNote[] {
  const clean = cleanText(text).replace(SPACED_HUNK, "$1");
  const notes: TNote[] = [];
  const summary = SUMMARY_PATHS.exec(clean);
  if (summary) {
    const paths = [...(summary[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    notes.push(kit.makeNote(session, { kind: "summary", paths, text: summary[0] }));
  }
  // Diffs from the whole text; the rule, statements and corrections line by line (a summary holds several).
  notes.push(...kit.notesFromPrompt(session, clean).filter((n) => n.kind === "diff"));
  for (const line of clean.split("\n")) notes.push(...kit.notesFromPrompt(session, line).filter((n) => n.kind !== "diff"));
  for (const [, file, , body] of clean.matchAll(SUMMARY_FILE)) {
    notes.push(kit.makeNote(session, { kind: "file", path: file!, text: body!, condensed: true }));
  }
  for (const [, file, , body] of clean.matchAll(EMBEDDED_FILE)) {
    notes.push(kit.makeNote(session, { kind: "file", path: relativePath(file!, workspace), text: body! }));
  }
  return notes;
}

/** Notes of the conversation, oldest first: what a reply may use. */
export function conversationNotes(conversation: TConversation): TNote[] {
  const session: TNoteSession = { nextNoteId: 1, turn: 0 };
  const workspace = workspaceDir(conversation);
  const calls = new Map<string, TToolCall>();
  const notes: TNote[] = [];
  let restored: TToolCall | undefined;
  for (const [index, turn] of conversation.turns.entries()) {
    session.turn = index;
    for (const part of turn.parts) {
      if (part.kind === "text" && turn.role === "user") {
        const call = RESTORED_CALL.exec(part.text);
        const result = RESTORED_RESULT.exec(part.text);
        if (call) restored = { id: "restored", name: call[1]!, args: parseObject(call[2]!) };
        const file = result && restored && restored.name === result[1] ? readPath(restored, workspace) : undefined;
        if (file && result) notes.push(kit.makeNote(session, { kind: "file", path: file, text: fileTextOf(result[2]!) }));
      }
      if (part.kind === "tool-call") calls.set(part.call.id, part.call);
      else if (part.kind === "tool-result") {
        const call = part.callId !== undefined ? calls.get(part.callId) : undefined;
        const file = call ? readPath(call, workspace) : undefined;
        if (file) notes.push(kit.makeNote(session, { kind: "file", path: file, text: fileTextOf(part.text) }));
      } else if (turn.role === "user" || part.text.includes(SUMMARY_HEADER)) notes.push(...textNotes(session, part.text, workspace));
    }
  }
  return notes;
}

/** The user's prompt this request answers: the last user text of the conversation. */
export function latestPrompt(conversation: TConversation): string {
  for (const turn of [...conversation.turns].reverse()) {
    if (turn.role !== "user") continue;
    const texts = turn.parts.flatMap((p) => (p.kind === "text" ? [cleanText(p.text)] : [])).filter(Boolean);
    if (texts.length > 0) return texts.join("\n\n");
  }
  return "";
}

/** True when the last message is a user prompt (not a tool result): the start of a turn. */
export function awaitsFirstStep(conversation: TConversation): boolean {
  const last = conversation.turns.at(-1);
  return last?.role === "user" && !last.parts.some((p) => p.kind === "tool-result");
}

export function hasSummary(conversation: TConversation): boolean {
  return conversation.turns.some((t) => t.parts.some((p) => p.kind === "text" && p.text.includes(SUMMARY_HEADER)));
}
