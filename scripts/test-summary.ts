import { stripVTControlCharacters } from "node:util";

// Reads the pass/fail counts from the runners' own closing lines, so `npm test` can end with one total.

export interface Counts {
  passed: number;
  failed: number;
}

/** Vitest's default reporter ends with e.g. "      Tests  2 failed | 40 passed | 1 skipped (43)". */
export function parseVitest(output: string): Counts | undefined {
  const line = lastMatch(stripVTControlCharacters(output), /^\s*Tests\s+(.*\(\d+\))\s*$/gm)?.[1];
  if (!line) return undefined;
  return { passed: count(line, /(\d+) passed/), failed: count(line, /(\d+) failed/) };
}

/** Playwright's list/line/dot reporters end with lines like "  12 passed (3.1s)", "  1 failed", "  2 flaky". */
export function parsePlaywright(output: string): Counts | undefined {
  const text = stripVTControlCharacters(output);
  const passed = lastMatch(text, /^\s*(\d+) passed\b/gm);
  const failed = lastMatch(text, /^\s*(\d+) failed\b/gm);
  const flaky = lastMatch(text, /^\s*(\d+) flaky\b/gm);
  if (!passed && !failed && !flaky) return undefined;
  // A flaky test failed, then passed on retry: it counts as passed, as Playwright's exit code does.
  return { passed: Number(passed?.[1] ?? 0) + Number(flaky?.[1] ?? 0), failed: Number(failed?.[1] ?? 0) };
}

function count(text: string, pattern: RegExp): number {
  return Number(pattern.exec(text)?.[1] ?? 0);
}

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(pattern)) last = match as RegExpExecArray;
  return last;
}
