import { readFile } from "node:fs/promises";
import { record, type TJson } from "./line-parser";
import type { TCompressionEvent } from "./types";

// Gemini CLI and Qwen Code do not print automatic compression on stdout; they record it in files
// (a telemetry outfile, a session file). These helpers read those files after a turn and report only
// the records not seen on earlier turns.

export async function readTextIfExists(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return "";
  }
}

/**
 * Splits text holding JSON objects back to back into objects: JSONL, or pretty-printed objects one after another
 * as OpenTelemetry's file exporter writes them. Noise between objects and a trailing partial object are skipped.
 */
export function splitJsonObjects(text: string): TJson[] {
  const objects: TJson[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = depth > 0;
    } else if (char === "{") {
      if (depth === 0) start = i;
      depth += 1;
    } else if (char === "}" && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        try {
          const value = record(JSON.parse(text.slice(start, i + 1)));
          if (value) objects.push(value);
        } catch {
          // not JSON after all: skip it
        }
      }
    }
  }
  return objects;
}

/** Remembers how many records each file had, so every turn reports only its own compressions. */
export function createCompressionTracker() {
  const seen = new Map<string, number>();
  return {
    takeNew(key: string, events: TCompressionEvent[]): TCompressionEvent[] {
      const before = seen.get(key) ?? 0;
      seen.set(key, events.length);
      return events.slice(before);
    },
  };
}
