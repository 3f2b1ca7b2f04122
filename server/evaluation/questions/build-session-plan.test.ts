import { describe, expect, it } from "vitest";
import { DIMENSIONS, type TChangeFacts, type TChangedFile } from "../model";
import { buildSessionPlan } from "./build-session-plan";
import { RULE_MARKER } from "./planted-facts";

const file = (path: string, over: Partial<TChangedFile> = {}): TChangedFile => ({
  path,
  status: "modified",
  additions: 10,
  deletions: 2,
  hunks: 1,
  addedSymbols: [],
  removedSymbols: [],
  language: "typescript",
  ...over,
});

const FILES = [
  file("src/cache.ts", { status: "added", additions: 32, deletions: 0, addedSymbols: ["LruCache", "createCache", "store"] }),
  file("src/math.ts", { additions: 8, deletions: 5, hunks: 2, addedSymbols: ["clamp", "divide"], removedSymbols: ["multiply"] }),
  file("tools/report.py", { additions: 11, deletions: 2, addedSymbols: ["summarize", "store"], removedSymbols: ["render"], language: "python" }),
  file("src/legacy.ts", { status: "deleted", additions: 0, deletions: 7, removedSymbols: ["oldHelper", "LegacyThing"] }),
];

const facts = (files: TChangedFile[]): TChangeFacts => ({
  repository: "/srv/demo",
  baseRef: "main",
  headRef: "feature",
  baseSha: "a".repeat(40),
  headSha: "b".repeat(40),
  files,
  totalFiles: files.length,
  totalAdditions: files.reduce((n, f) => n + f.additions, 0),
  totalDeletions: files.reduce((n, f) => n + f.deletions, 0),
});

const diffOf = (f: TChangedFile) =>
  `diff --git a/${f.path} b/${f.path}\n--- a/${f.path}\n+++ b/${f.path}\n` + "@@ -1,2 +1,2 @@ ctx\n-old\n+new\n".repeat(f.hunks);
const diffs = Object.fromEntries(FILES.map((f) => [f.path, diffOf(f)]));
const plan = (seed: number, over: Partial<Parameters<typeof buildSessionPlan>[0]> = {}) =>
  buildSessionPlan({ facts: facts(FILES), diffs, seed, maxTurns: 10, ...over });

describe("buildSessionPlan", () => {
  it("is deterministic for a seed and varies with it", () => {
    expect(plan(7)).toEqual(plan(7));
    const [a, b] = [plan(7), plan(8)];
    expect([a.rule.prefix, a.superseded.newValue, a.deepDive.join()]).not.toEqual([b.rule.prefix, b.superseded.newValue, b.deepDive.join()]);
  });

  it("studies every file in pre-compression, with the rule and the first statement among them", () => {
    const p = plan(1);
    expect(p.preCompression).toHaveLength(1 + FILES.length + 2);
    expect(p.preCompression[0]).toContain("1. `src/cache.ts` (added, +32 −0)");
    expect(p.preCompression[1]).toContain("Study file 1 of 4: `src/cache.ts`");
    expect(p.preCompression[1]).toContain(diffs["src/cache.ts"]!.trimEnd());
    expect(p.preCompression[2]).toContain(p.rule.instruction);
    expect(p.rule.instruction).toContain(`marked ${RULE_MARKER} with the tag ${p.rule.prefix}`);
    expect(p.rule.prefix).toMatch(/^MB-[0-9A-F]{4}:$/);
    expect(p.preCompression[4]).toContain(p.superseded.statement);
    expect(p.superseded.statement).toContain(p.superseded.oldValue);
  });

  it("starts the deep-dive with the correction and fills up to maxTurns", () => {
    const p = plan(1, { maxTurns: 40 });
    expect(p.correctionTurn).toBe(0);
    expect(p.deepDive[0]).toContain(p.superseded.correction);
    expect(p.superseded.correction).toContain(`is now \`${p.superseded.newValue}\`; forget \`${p.superseded.oldValue}\``);
    expect(p.deepDive).toHaveLength(40);
    expect(p.deepDive.slice(1).every((t) => FILES.some((f) => t.includes(`\`${f.path}\``)))).toBe(true);
    expect(plan(1, { maxTurns: 0 }).deepDive).toHaveLength(1);
  });

  it("asks fact and open questions in every dimension, with ground truth taken from the facts", () => {
    const p = plan(3);
    for (const d of DIMENSIONS) {
      expect(p.questions.filter((q) => q.dimension === d && q.kind === "open")).toHaveLength(3);
      expect(p.questions.some((q) => q.dimension === d && q.kind === "fact")).toBe(true);
    }
    expect(new Set(p.questions.map((q) => q.id)).size).toBe(p.questions.length);
    for (const q of p.questions) {
      expect(q.groundTruth !== undefined).toBe(q.kind === "fact");
      expect(q.prompt.startsWith(`${RULE_MARKER} `)).toBe(q.dimension === "TTL");
      for (const f of q.relevantFiles ?? []) expect(FILES.map((x) => x.path)).toContain(f);
    }
    const byPath = Object.fromEntries(FILES.map((f) => [f.path, f]));
    for (const q of p.questions.filter((x) => x.kind === "fact")) {
      const truth = q.groundTruth!;
      const symbol = /declaration `([^`]+)`/.exec(q.prompt)?.[1];
      if (symbol) {
        // "store" is added in two files, so it is never asked about.
        expect(symbol).not.toBe("store");
        expect(truth).toEqual({ kind: "contains", expected: [FILES.find((f) => f.addedSymbols.includes(symbol))!.path] });
      }
      const hunkPath = /hunks does the diff of `([^`]+)`/.exec(q.prompt)?.[1];
      if (hunkPath) expect(truth).toEqual({ kind: "number", expected: byPath[hunkPath]!.hunks, tolerance: 0 });
      const removedFrom = /remove from `([^`]+)`/.exec(q.prompt)?.[1];
      if (removedFrom) expect(truth).toEqual({ kind: "contains", expected: byPath[removedFrom]!.removedSymbols });
      if (q.dimension === "TTL") expect(truth).toEqual({ kind: "prefix", prefix: p.rule.prefix });
      if (q.dimension === "SF") expect(truth).toEqual({ kind: "contains", expected: [p.superseded.newValue], forbidden: [p.superseded.oldValue] });
    }
    const lru = p.questions.filter((q) => q.dimension === "LRU" && q.kind === "fact").map((q) => q.groundTruth);
    expect(lru).toEqual([
      { kind: "contains", expected: ["src/cache.ts"] },
      { kind: "number", expected: 32, tolerance: 0 },
      { kind: "contains", expected: ["LruCache", "createCache"] },
    ]);
    expect(p.questions.find((q) => q.id === "AR-fact-3")?.prompt).toContain("`src/math.ts`"); // the file with most hunks
  });

  it("asks only the requested dimensions and plants only what they need", () => {
    const p = plan(5, { dimensions: ["AR", "LRU"], openQuestionsPerDimension: 1 });
    expect(new Set(p.questions.map((q) => q.dimension))).toEqual(new Set(["AR", "LRU"]));
    expect(p.questions.filter((q) => q.kind === "open")).toHaveLength(2);
    expect(p.preCompression.join("\n")).not.toContain(p.rule.prefix);
    expect(p.deepDive.join("\n")).not.toContain("Correction:");
    expect(p.correctionTurn).toBe(-1);
  });

  it("handles a single file without symbols: fewer fact questions, never none per dimension", () => {
    const lone = file("README.md", { additions: 1, deletions: 1, language: "markdown" });
    for (const openQuestionsPerDimension of [0, 3]) {
      const p = buildSessionPlan({ facts: facts([lone]), diffs: { "README.md": diffOf(lone) }, seed: 9, maxTurns: 5, openQuestionsPerDimension });
      for (const d of DIMENSIONS) expect(p.questions.filter((q) => q.dimension === d).length).toBeGreaterThan(0);
      expect(p.questions.filter((q) => q.dimension === "AR" && q.kind === "fact").map((q) => q.groundTruth)).toEqual([
        { kind: "number", expected: 1, tolerance: 0 },
      ]);
      expect(p.preCompression).toHaveLength(4);
      expect(p.deepDive.length).toBeLessThanOrEqual(5);
    }
    const none = buildSessionPlan({ facts: facts([]), diffs: {}, seed: 1, maxTurns: 3, openQuestionsPerDimension: 0 });
    for (const d of DIMENSIONS) expect(none.questions.filter((q) => q.dimension === d).length).toBeGreaterThan(0);
  });

  it("cuts long diffs in the study turn", () => {
    const big = file("big.ts", { additions: 500, hunks: 1 });
    const text = `diff --git a/big.ts b/big.ts\n@@ -0,0 +1,500 @@\n${Array.from({ length: 500 }, (_, i) => `+line ${i}`).join("\n")}\n`;
    const p = buildSessionPlan({ facts: facts([big]), diffs: { "big.ts": text }, seed: 1, maxTurns: 2, maxDiffLines: 50 });
    expect(p.preCompression[1]).toContain("+line 47");
    expect(p.preCompression[1]).not.toContain("+line 48\n");
    expect(p.preCompression[1]).toContain("(452 more lines not shown; read the file)");
  });
});
