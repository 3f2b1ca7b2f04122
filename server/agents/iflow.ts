import { createVendorCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import { claudeEventHandler } from "./claude";
import { createJsonLineParser } from "./line-parser";
import type { TCompressionEvent } from "./types";

// iFlow CLI (OpenAI-compatible, from the Gemini CLI family). Not installable from npm today (@iflow-ai/iflow-cli is a 404),
// so only what could be checked is relied on: `iflow -p <prompt>`, the IFLOW_* settings variables, JSON lines of the
// Qwen/Claude kind when it prints them, plain text otherwise. Compression is read from its "NN% context left" footer.

export type TFooterThresholds = { low: number; jump: number };

const CONTEXT_LEFT = /(\d{1,3})\s*%\s*context left/i;

/** The "% context left" reading of a line, if it has one. */
export function parseContextLeft(line: string): number | undefined {
  const match = CONTEXT_LEFT.exec(line);
  const value = match ? Number(match[1]) : NaN;
  return value >= 0 && value <= 100 ? value : undefined;
}

/**
 * A compression between two footer readings: the context left rising by at least `jump` points (it was compressed),
 * or falling to `low` or below (it is about to be). `previous` is undefined for the first reading.
 */
export function footerCompression(previous: number | undefined, current: number, thresholds: TFooterThresholds): TCompressionEvent | undefined {
  const detail = `context left ${previous ?? "?"}% -> ${current}%`;
  if (previous !== undefined && current - previous >= thresholds.jump) return { trigger: "jump", source: "footer", detail };
  const wasAbove = previous === undefined || previous > thresholds.low;
  if (current <= thresholds.low && wasAbove) return { trigger: "threshold", source: "footer", detail };
  return undefined;
}

/** One parser per turn; `footer` carries the last reading across the session's turns. */
export function createIflowParser(footer: { last?: number }, thresholds: TFooterThresholds) {
  return createJsonLineParser(claudeEventHandler("assistant"), (line, stream, draft) => {
    const reading = parseContextLeft(line);
    if (reading !== undefined) {
      const event = footerCompression(footer.last, reading, thresholds);
      if (event) draft.compressions.push(event);
      footer.last = reading;
    } else if (stream === "stdout") draft.deltaText += `${line}\n`; // plain-text output
  });
}

export function createIflowAdapter(config: TAgentsConfig): TAgentAdapter {
  const cli = config.iflow;
  return createVendorCliAdapter(config, {
    id: "iflow",
    label: "iFlow CLI",
    entries: ["node_modules/@iflow-ai/iflow-cli/bundle/iflow.js"],
    installHint: "@iflow-ai/iflow-cli is not published on the npm registry (404): install the iflow binary by hand",
    profile: (options) => ({
      env: () => ({
        IFLOW_selectedAuthType: "openai-compatible",
        IFLOW_apiKey: cli.apiKey,
        IFLOW_baseUrl: cli.baseUrl,
        IFLOW_modelName: cli.model,
        IFLOW_disableAutoUpdate: "true",
        IFLOW_tokensLimit: options?.contextTokenLimit ? String(options.contextTokenLimit) : undefined,
      }),
      keep: [".iflow/projects", ".iflow/tmp"],
    }),
    args: ({ prompt, sessionId, resume, turn }) => [
      "-p",
      prompt,
      ...(resume && sessionId ? ["--resume", sessionId] : turn > 0 ? ["--continue"] : []),
    ],
    hooks: () => {
      const footer: { last?: number } = {};
      return { createParser: () => createIflowParser(footer, config.compression) };
    },
  });
}
