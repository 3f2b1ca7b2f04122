import path from "node:path";
import { contextFraction, createVendorCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import { createCompressionTracker, readTextIfExists } from "./compression-files";
import { carryQwenSession, newestSessionFile } from "./qwen-projects";
import { createClaudeParser } from "./claude";
import { num, parseJsonLine, record, str } from "./line-parser";
import type { TCompressionEvent } from "./types";

// Qwen Code (OpenAI-compatible): `<prompt> --auth-type openai --output-format stream-json`, resumed with `--resume <id>`.
// Its stream-json follows Claude's line types. Automatic compression is not on stdout: the session file
// `~/.qwen/projects/<cwd-slug>/chats/<session>.jsonl` gets a `system/chat_compression` record.

/**
 * The context window the adapter sets (model.generationConfig.contextWindowSize) for task limits below it, whatever
 * the model, with context.autoCompactThreshold = limit / window: Qwen then compacts at the limit and refuses to send
 * above window − 23,000. A larger limit becomes the window itself.
 */
export const QWEN_WINDOW = 200_000;
const COMPRESSED = 1;

const TRIGGERS: Record<string, TCompressionEvent["trigger"]> = { token_limit: "auto", auto: "auto", manual: "manual", user: "manual" };

/** Every successful compression recorded in a Qwen session file, oldest first. */
export function qwenSessionCompressions(text: string): TCompressionEvent[] {
  const events: TCompressionEvent[] = [];
  for (const line of text.split("\n")) {
    const entry = parseJsonLine(line);
    if (entry?.type !== "system" || entry.subtype !== "chat_compression") continue;
    const info = record(record(entry.systemPayload)?.info) ?? {};
    const status = num(info.compressionStatus);
    if (status !== undefined && status !== COMPRESSED) continue;
    events.push({
      trigger: TRIGGERS[str(info.triggerReason) ?? ""] ?? "unknown",
      tokensBefore: num(info.originalTokenCount),
      tokensAfter: num(info.newTokenCount),
      source: "session-file",
    });
  }
  return events;
}

/**
 * Reads the new compression records of one session from its newest session file under `<configDir>/projects` (the
 * session may have been carried into other projects' folders; the newest copy holds every record).
 */
export function sessionFileCompressions(configDir: string) {
  const tracker = createCompressionTracker();
  return async ({ sessionId, env }: { sessionId: string | undefined; env: { home: string } }) => {
    if (!sessionId) return [];
    const newest = await newestSessionFile(path.join(env.home, configDir, "projects"), sessionId);
    return newest ? tracker.takeNew(sessionId, qwenSessionCompressions(await readTextIfExists(newest.file))) : [];
  };
}

export function createQwenAdapter(config: TAgentsConfig): TAgentAdapter {
  const cli = config.qwen;
  return createVendorCliAdapter(config, {
    id: "qwen",
    label: "Qwen Code",
    entries: ["node_modules/@qwen-code/qwen-code/cli-entry.js"],
    installHint: "npm install @qwen-code/qwen-code",
    profile: (options) => {
      const autoCompactThreshold = contextFraction(options, QWEN_WINDOW);
      const contextWindowSize = Math.max(QWEN_WINDOW, options?.contextTokenLimit ?? 0);
      return {
        env: () => ({
          OPENAI_BASE_URL: cli.baseUrl,
          OPENAI_API_KEY: cli.apiKey,
          OPENAI_MODEL: cli.model,
          QWEN_CODE_NO_RELAUNCH: "true",
        }),
        files: () => ({
          ".qwen/settings.json": {
            privacy: { usageStatisticsEnabled: false },
            general: { enableAutoUpdate: false },
            telemetry: { enabled: false },
            memory: { enableManagedAutoMemory: false, enableManagedAutoDream: false },
            model: { generationConfig: { contextWindowSize } },
            ...(autoCompactThreshold !== undefined && { context: { autoCompactThreshold } }),
          },
        }),
        keep: [".qwen/projects"],
      };
    },
    args: ({ prompt, sessionId, resume }) => [
      prompt,
      "--auth-type",
      "openai",
      "--output-format",
      "stream-json",
      ...(resume && sessionId ? ["--resume", sessionId] : []),
    ],
    hooks: () => ({
      createParser: () => createClaudeParser("assistant"),
      afterTurn: sessionFileCompressions(".qwen"),
      beforeTurn: async ({ env, cwd, sessionId, resume }) => {
        if (resume && sessionId) await carryQwenSession(path.join(env.home, ".qwen"), cwd, sessionId);
      },
    }),
  });
}
