import path from "node:path";
import { createVendorCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import {
  appendText,
  createJsonLineParser,
  num,
  record,
  startToolCall,
  str,
  type TEventHandler,
  type TJson,
  type TTurnDraft,
} from "./line-parser";
import type { TCompressionEvent } from "./types";

// Claude Code headless: `-p --output-format stream-json --verbose`, resumed with `--resume <id>`.
// Compaction is a `system/compact_boundary` line on stdout; usage and the final text come from the `result` line.

/** Below this, CLAUDE_CODE_AUTO_COMPACT_WINDOW would leave no room (Claude keeps 33k tokens of headroom). */
const MIN_AUTO_COMPACT_WINDOW = 50_000;

const TRIGGERS = new Set(["auto", "manual"]);

function compression(event: TJson): TCompressionEvent {
  const meta = record(event.compact_metadata) ?? record(event.compactMetadata) ?? {};
  const trigger = str(meta.trigger);
  return {
    trigger: trigger && TRIGGERS.has(trigger) ? (trigger as "auto" | "manual") : "unknown",
    tokensBefore: num(meta.pre_tokens) ?? num(meta.preTokens),
    tokensAfter: num(meta.post_tokens) ?? num(meta.postTokens),
    source: "stdout",
  };
}

/**
 * Where a turn's token usage is read from. "result": the `result` line's totals (Claude Code: per process).
 * "assistant": the sum over the turn's API calls, one per assistant message id (Qwen Code's `result` line holds the
 * whole session's totals once resumed, so its per-turn figures are only in the assistant lines).
 */
export type TUsageSource = "result" | "assistant";

function addCallUsage(usage: TJson, draft: TTurnDraft) {
  draft.usage.inputTokens += (num(usage.input_tokens) ?? 0) + (num(usage.cache_creation_input_tokens) ?? 0);
  draft.usage.outputTokens += num(usage.output_tokens) ?? 0;
  const cacheRead = num(usage.cache_read_input_tokens);
  if (cacheRead !== undefined) draft.usage.cacheReadTokens = (draft.usage.cacheReadTokens ?? 0) + cacheRead;
}

function onResult(event: TJson, draft: TTurnDraft, takeUsage: boolean) {
  const result = str(event.result);
  if (result !== undefined) draft.finalText = result;
  const subtype = str(event.subtype) ?? "";
  if (event.is_error === true || subtype.startsWith("error")) {
    draft.isError = true;
    const errors = Array.isArray(event.errors) ? event.errors.filter((e): e is string => typeof e === "string") : [];
    draft.error = errors.length ? errors.join("; ") : result || subtype || "error";
  }
  const usage = record(event.usage);
  if (usage && takeUsage) {
    draft.usage.inputTokens = 0;
    draft.usage.outputTokens = 0;
    delete draft.usage.cacheReadTokens;
    addCallUsage(usage, draft);
  }
  const cost = num(event.total_cost_usd);
  if (cost !== undefined) draft.usage.costUsd = cost;
}

/** Claude's stream-json (Qwen Code and iFlow print the same line types); one handler per turn. */
export function claudeEventHandler(usageSource: TUsageSource = "result"): TEventHandler {
  // Claude prints one assistant line per content block, each repeating its API call's usage: count a message once.
  const counted = new Set<string>();
  return (event, draft) => {
    const sessionId = str(event.session_id);
    if (sessionId) draft.sessionId = sessionId;
    if (event.type === "system" && event.subtype === "compact_boundary") draft.compressions.push(compression(event));
    else if (event.type === "assistant") {
      const message = record(event.message) ?? {};
      for (const block of Array.isArray(message.content) ? message.content : []) {
        const part = record(block);
        if (part?.type === "text") appendText(draft, str(part.text) ?? "");
        else if (part?.type === "tool_use") startToolCall(draft);
      }
      const usage = record(message.usage);
      if (!usage) return;
      const context = ["input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens"];
      draft.usage.contextTokens = context.reduce((sum, key) => sum + (num(usage[key]) ?? 0), 0);
      const id = str(message.id) ?? str(event.uuid) ?? `#${counted.size}`;
      if (usageSource === "assistant" && !counted.has(id)) {
        counted.add(id);
        addCallUsage(usage, draft);
      }
    } else if (event.type === "result") onResult(event, draft, usageSource === "result" || counted.size === 0);
    else if (event.type === "stream_event") {
      const delta = record(record(event.event)?.delta);
      if (delta?.type === "text_delta") draft.deltaText += str(delta.text) ?? "";
    }
  };
}

export const createClaudeParser = (usageSource: TUsageSource = "result") => createJsonLineParser(claudeEventHandler(usageSource));

export function createClaudeAdapter(config: TAgentsConfig): TAgentAdapter {
  const cli = config.claude;
  return createVendorCliAdapter(config, {
    id: "claude",
    label: "Claude Code",
    entries: [
      "node_modules/@anthropic-ai/claude-code/bin/claude.exe",
      "node_modules/@anthropic-ai/claude-code-linux-x64/claude",
      "node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs",
    ],
    installHint: "npm install @anthropic-ai/claude-code",
    profile: (options) => ({
      env: (dirs) => ({
        CLAUDE_CONFIG_DIR: path.join(dirs.home, ".claude"),
        ANTHROPIC_BASE_URL: cli.baseUrl,
        ANTHROPIC_API_KEY: cli.apiKey,
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
        DISABLE_TELEMETRY: "1",
        DISABLE_AUTOUPDATER: "1",
        DISABLE_ERROR_REPORTING: "1",
        CLAUDE_CODE_AUTO_COMPACT_WINDOW:
          options && options.contextTokenLimit >= MIN_AUTO_COMPACT_WINDOW ? String(options.contextTokenLimit) : undefined,
      }),
      keep: [".claude/projects"],
    }),
    args: ({ prompt, sessionId, resume }) => [
      "-p",
      prompt,
      "--output-format",
      "stream-json",
      "--verbose",
      ...(cli.model ? ["--model", cli.model] : []),
      ...(resume && sessionId ? ["--resume", sessionId] : []),
    ],
    hooks: () => ({ createParser: createClaudeParser }),
  });
}
