import type { TChangeFacts, TDimension, TGroundTruth, TPlantedRule, TSupersededFact } from "../model";
import type { TRender } from "./build-turns";
import type { TRandom } from "./seeded-random";

// Fact questions with ground truth, per dimension. Each builder returns [] when the facts give it nothing to ask.

export type TFactDraft = { prompt: string; groundTruth: TGroundTruth; baselineGroundTruth?: TGroundTruth; relevantFiles?: string[] };

type TFactInput = {
  facts: TChangeFacts;
  rule: TPlantedRule;
  superseded: TSupersededFact;
  render: TRender;
  random: TRandom;
};

export const FACT_BUILDERS: Record<TDimension, (input: TFactInput) => TFactDraft[]> = {
  AR: accurateRetrieval,
  TTL: testTimeLearning,
  LRU: longRangeUnderstanding,
  SF: selectiveForgetting,
};

/** Which file adds a symbol (unique to one file), a hunk count, the declarations removed from a file. */
function accurateRetrieval({ facts, render, random }: TFactInput): TFactDraft[] {
  const owners = new Map<string, string[]>();
  for (const file of facts.files) {
    for (const symbol of [...file.addedSymbols, ...file.removedSymbols]) owners.set(symbol, [...(owners.get(symbol) ?? []), file.path]);
  }
  const unique = facts.files.flatMap((file) =>
    file.addedSymbols.filter((s) => owners.get(s)?.length === 1).map((symbol) => ({ symbol, path: file.path })),
  );
  // Two symbols from different files when there are two such files.
  const first = unique.length > 0 ? random.pick(unique) : undefined;
  const others = unique.filter((u) => u.path !== first?.path);
  const second = others.length > 0 ? random.pick(others) : undefined;
  const adds = [first, second].flatMap((u) =>
    u ? [{ prompt: render("questions/fact-adds-symbol", { symbol: u.symbol }), groundTruth: contains([u.path]), relevantFiles: [u.path] }] : [],
  );

  const withHunks = facts.files.filter((f) => f.hunks > 0);
  const most = Math.max(0, ...withHunks.map((f) => f.hunks));
  const hunkFile = withHunks.length > 0 ? random.pick(withHunks.filter((f) => f.hunks === most)) : undefined;
  const hunks = hunkFile
    ? [{
        prompt: render("questions/fact-hunk-count", { path: hunkFile.path }),
        groundTruth: { kind: "number", expected: hunkFile.hunks, tolerance: 0 } as const,
        relevantFiles: [hunkFile.path],
      }]
    : [];

  const withRemovals = facts.files.filter((f) => f.removedSymbols.length > 0 && f.removedSymbols.length <= 3);
  const removedFile = withRemovals.length > 0 ? random.pick(withRemovals) : undefined;
  const removed = removedFile
    ? [{
        prompt: render("questions/fact-removed-symbols", { path: removedFile.path }),
        groundTruth: contains(removedFile.removedSymbols),
        relevantFiles: [removedFile.path],
      }]
    : [];
  return [...adds, ...hunks, ...removed];
}

/** Questions carrying the rule's marker; only compliance with the rule is scored. */
function testTimeLearning({ facts, rule, render, random }: TFactInput): TFactDraft[] {
  const prefix: TGroundTruth = { kind: "prefix", prefix: rule.prefix };
  const file = facts.files.length > 0 ? random.pick(facts.files) : undefined;
  return [
    ...(file ? [{ prompt: render("questions/fact-report-status", { path: file.path }), groundTruth: prefix, relevantFiles: [file.path] }] : []),
    { prompt: render("questions/fact-report-count"), groundTruth: prefix },
  ];
}

/** Facts from the earliest study turn: which file came first, its added lines, its added declarations. */
function longRangeUnderstanding({ facts, render }: TFactInput): TFactDraft[] {
  const first = facts.files[0];
  if (!first) return [];
  const relevantFiles = [first.path];
  return [
    { prompt: render("questions/fact-first-file"), groundTruth: contains([first.path]), relevantFiles },
    {
      prompt: render("questions/fact-first-file-additions"),
      groundTruth: { kind: "number", expected: first.additions, tolerance: 0 },
      relevantFiles,
    },
    ...(first.addedSymbols.length > 0
      ? [{ prompt: render("questions/fact-first-file-symbols"), groundTruth: contains(first.addedSymbols.slice(0, 2)), relevantFiles }]
      : []),
  ];
}

/** Only the corrected value is right; the superseded one is forbidden. */
function selectiveForgetting({ superseded, render }: TFactInput): TFactDraft[] {
  return [
    {
      prompt: render("questions/fact-current-value", { subject: superseded.subject }),
      groundTruth: { kind: "contains", expected: [superseded.newValue], forbidden: [superseded.oldValue] },
      // Asked at baseline the correction is still to come: the first statement is what the agent should know.
      baselineGroundTruth: { kind: "contains", expected: [superseded.oldValue] },
    },
  ];
}

const contains = (expected: string[]): TGroundTruth => ({ kind: "contains", expected });
