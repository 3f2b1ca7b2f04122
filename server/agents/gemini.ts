import path from "node:path";
import { contextFraction, createVendorCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import { carryGeminiSession } from "./gemini-projects";
import { createCompressionTracker, readTextIfExists, splitJsonObjects } from "./compression-files";
import {
  appendText,
  createJsonLineParser,
  num,
  record,
  replaceText,
  startToolCall,
  str,
  type TEventHandler,
} from "./line-parser";
import type { TCompressionEvent } from "./types";

// Gemini CLI headless: `-p … --output-format stream-json`, resumed with `--resume <id>`.
// Its compression never reaches stdout: it is read after each turn from the local telemetry outfile
// (OpenTelemetry records, pretty-printed JSON one after another: `gemini_cli.chat_compression`).

/** Gemini CLI's token limit for every model seen (compression threshold = fraction × this). */
const GEMINI_TOKEN_LIMIT = 1_048_576;
export const GEMINI_TELEMETRY_FILE = "gemini-telemetry.log";

export const handleGeminiEvent: TEventHandler = (event, draft) => {
  const sessionId = str(event.session_id);
  if (sessionId) draft.sessionId = sessionId;
  if (event.type === "message" && event.role === "assistant") {
    const content = str(event.content) ?? "";
    if (event.delta === true) appendText(draft, content);
    else replaceText(draft, content);
  } else if (event.type === "tool_use") startToolCall(draft);
  else if (event.type === "error") draft.error ??= str(event.message);
  else if (event.type === "result") {
    if (event.status !== undefined && event.status !== "success") {
      draft.isError = true;
      draft.error = str(record(event.error)?.message) ?? draft.error ?? `status ${String(event.status)}`;
    }
    const stats = record(event.stats) ?? {};
    draft.usage.inputTokens = num(stats.input_tokens) ?? 0;
    draft.usage.outputTokens = num(stats.output_tokens) ?? 0;
    const cached = num(stats.cached);
    if (cached !== undefined) draft.usage.cacheReadTokens = cached;
  }
};

export const createGeminiParser = () => createJsonLineParser(handleGeminiEvent);

/** Every chat compression recorded in a telemetry outfile, oldest first. */
export function geminiTelemetryCompressions(text: string): TCompressionEvent[] {
  return splitJsonObjects(text)
    .map((entry) => record(entry.attributes))
    .filter((attributes) => attributes?.["event.name"] === "gemini_cli.chat_compression")
    .map((attributes) => ({
      trigger: "auto",
      tokensBefore: num(attributes?.tokens_before),
      tokensAfter: num(attributes?.tokens_after),
      source: "telemetry",
    }));
}

export function createGeminiAdapter(config: TAgentsConfig): TAgentAdapter {
  const cli = config.gemini;
  return createVendorCliAdapter(config, {
    id: "gemini",
    label: "Gemini CLI",
    entries: ["node_modules/@google/gemini-cli/bundle/gemini.js"],
    installHint: "npm install @google/gemini-cli",
    profile: (options) => {
      const compressionThreshold = contextFraction(options, GEMINI_TOKEN_LIMIT);
      return {
        env: (dirs) => ({
          GEMINI_CLI_HOME: dirs.home,
          GEMINI_API_KEY: cli.apiKey,
          GOOGLE_GEMINI_BASE_URL: cli.baseUrl,
          GEMINI_CLI_TRUST_WORKSPACE: "true",
          GEMINI_CLI_NO_RELAUNCH: "true",
          GEMINI_TELEMETRY_ENABLED: "true",
          GEMINI_TELEMETRY_TARGET: "local",
          GEMINI_TELEMETRY_OUTFILE: path.join(dirs.keep, GEMINI_TELEMETRY_FILE),
          GEMINI_TELEMETRY_LOG_PROMPTS: "false",
        }),
        files: (dirs) => ({
          ".gemini/settings.json": {
            security: { auth: { selectedType: "gemini-api-key" } },
            privacy: { usageStatisticsEnabled: false },
            general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
            telemetry: { enabled: true, target: "local", outfile: path.join(dirs.keep, GEMINI_TELEMETRY_FILE), logPrompts: false },
            ...(compressionThreshold !== undefined && { model: { compressionThreshold } }),
          },
        }),
        keep: [".gemini/tmp"],
      };
    },
    args: ({ prompt, sessionId, resume }) => [
      "-p",
      prompt,
      "--output-format",
      "stream-json",
      ...(cli.model ? ["-m", cli.model] : []),
      ...(resume && sessionId ? ["--resume", sessionId] : []),
    ],
    hooks: () => {
      const tracker = createCompressionTracker();
      return {
        createParser: createGeminiParser,
        beforeTurn: async ({ env, cwd, sessionId, resume }) => {
          if (resume && sessionId) await carryGeminiSession(path.join(env.home, ".gemini"), cwd, sessionId);
        },
        afterTurn: async ({ env }) => {
          const file = path.join(env.keep, GEMINI_TELEMETRY_FILE);
          return tracker.takeNew(file, geminiTelemetryCompressions(await readTextIfExists(file)));
        },
      };
    },
  });
}
