import { hasSummary } from "./memory";
import type { TConversation, TProtocol } from "./types";

// The token usage the simulator reports. Normally an estimate of the request (characters / 4, times the run's
// multiplier). Once the deep-dive has begun (its first prompt is in the conversation) and nothing has been summarised
// yet, it reports "pressure" instead: a count above the CLI's compaction threshold, so that the CLI's own
// compaction fires during the deep-dive, on the CLI's own terms (../shared/AGENT-CLIS.md):
// - Claude Code compacts at window − 33,000 (967,000 for its default 1M window, less with CLAUDE_CODE_AUTO_COMPACT_WINDOW);
//   990,000 is above that for every window and at the blocking limit, so it compacts on the next call.
// - Gemini CLI compresses at compressionThreshold × 1,048,576 (524,288 by default, less when the threshold is set),
//   counted from the last report in the same process; 600,000 crosses it and stays below its token limit.
// - Qwen Code compacts at min(0.85 × window, window − 33,000) = 167,000 for an unknown model (less with
//   context.autoCompactThreshold) and refuses to send above window − 23,000 = 177,000, and an inflated count stays
//   inflated after compaction: 172,000 sits in between.

export const DEFAULT_PRESSURE: Record<TProtocol, number> = { anthropic: 990_000, gemini: 600_000, openai: 172_000 };

/** First sentences of the deep-dive prompts (prompts/turns/correction.md and deep-*.md). */
const DEEP_DIVE = [
  /^Correction: .+ is now `/m,
  /^Open `[^`]+` and explain `/m,
  /^Look at `[^`]+` again\./m,
  /^Review hunk \d+ of \d+ in `/m,
  /^Which tests would you write for the change to `/m,
  /^How do the changes to `[^`]+` and `/m,
  /^The change removes `[^`]+` from `/m,
];

export const isDeepDivePrompt = (text: string) => DEEP_DIVE.some((pattern) => pattern.test(text));

function deepDiveBegun(conversation: TConversation): boolean {
  return conversation.turns.some((t) => t.role === "user" && t.parts.some((p) => p.kind === "text" && isDeepDivePrompt(p.text)));
}

export const estimateTokens = (chars: number, multiplier: number) => Math.max(1, Math.ceil((chars / 4) * multiplier));

export function reportedInput(
  conversation: TConversation,
  options: { multiplier: number; pressure: Record<TProtocol, number>; allowPressure: boolean },
): { inputTokens: number; estimated: number; pressure: boolean } {
  const estimated = estimateTokens(conversation.chars, options.multiplier);
  const pressure = options.allowPressure && deepDiveBegun(conversation) && !hasSummary(conversation);
  return { inputTokens: pressure ? Math.max(estimated, options.pressure[conversation.protocol]) : estimated, estimated, pressure };
}
