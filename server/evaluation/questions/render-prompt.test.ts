import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROMPTS_DIR, fillTemplate, loadPrompt, placeholdersOf, renderPrompt } from "./render-prompt";

describe("renderPrompt", () => {
  it("substitutes placeholders once, without expanding values", () => {
    expect(fillTemplate("Read `{{path}}` ({{ n }} hunks)", { path: "{{n}}", n: 2 })).toBe("Read `{{n}}` (2 hunks)");
  });

  it("throws naming the missing placeholder", () => {
    expect(() => renderPrompt("questions/fact-hunk-count", {})).toThrow('Prompt "questions/fact-hunk-count" needs a value for {{path}}');
  });

  it("refuses names that leave prompts/", () => {
    expect(() => loadPrompt("../package")).toThrow("Invalid prompt name");
  });

  it("loads every template under prompts/ and lists its placeholders", () => {
    const names = ["turns", "questions"].flatMap((dir) =>
      readdirSync(path.join(DEFAULT_PROMPTS_DIR, dir)).map((f) => `${dir}/${f.replace(/\.md$/, "")}`),
    );
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) {
      const template = loadPrompt(name);
      expect(template).toBe(readFileSync(path.join(DEFAULT_PROMPTS_DIR, `${name}.md`), "utf8").trimEnd());
      const values = Object.fromEntries(placeholdersOf(template).map((p) => [p, "x"]));
      expect(renderPrompt(name, values)).not.toMatch(/\{\{/);
    }
    expect(placeholdersOf(loadPrompt("turns/study-file"))).toEqual(["index", "count", "path", "status", "additions", "deletions", "hunkCount", "fence", "diff"]);
  });
});
