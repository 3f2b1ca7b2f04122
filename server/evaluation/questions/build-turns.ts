import type { TChangeFacts, TChangedFile, TPlantedRule, TSupersededFact } from "../model";
import type { TPromptValues } from "./render-prompt";
import type { TRandom } from "./seeded-random";

// The turns before the questions: study the change (pre-compression), then dig deeper (deep-dive).

export type TRender = (name: string, values?: TPromptValues) => string;

type TTurnInput = {
  facts: TChangeFacts;
  diffs: Record<string, string>;
  render: TRender;
  maxDiffLines: number;
};

/** overview, file 1, [rule], file 2, [statement], files 3…n: the rule and the statement come early, between files. */
export function buildPreCompressionTurns(
  input: TTurnInput & { rule?: TPlantedRule; superseded?: TSupersededFact },
): string[] {
  const { facts, render } = input;
  const fileList = facts.files.map((f, i) => `${i + 1}. \`${f.path}\` (${describeStatus(f)}, +${f.additions} −${f.deletions})`);
  const overview = render("turns/overview", {
    repository: facts.repository,
    baseRef: facts.baseRef,
    headRef: facts.headRef,
    baseSha: facts.baseSha.slice(0, 12),
    headSha: facts.headSha.slice(0, 12),
    totalFiles: facts.totalFiles,
    totalAdditions: facts.totalAdditions,
    totalDeletions: facts.totalDeletions,
    fileCount: facts.files.length,
    fileList: fileList.join("\n"),
  });
  const studies = facts.files.map((file, i) => {
    const diff = truncateLines(input.diffs[file.path] ?? "(diff not available)", input.maxDiffLines);
    return render("turns/study-file", {
      index: i + 1,
      count: facts.files.length,
      path: file.path,
      status: describeStatus(file),
      additions: file.additions,
      deletions: file.deletions,
      hunkCount: file.hunks === 1 ? "1 hunk" : `${file.hunks} hunks`,
      diff,
      fence: fenceFor(diff),
    });
  });
  const rule = input.rule ? [render("turns/rule", { instruction: input.rule.instruction })] : [];
  const statement = input.superseded ? [render("turns/statement", { statement: input.superseded.statement })] : [];
  return [overview, ...studies.slice(0, 1), ...rule, ...studies.slice(1, 2), ...statement, ...studies.slice(2)];
}

/** The correction first (so it lands before any compression), then seeded prompts over the files, cycling up to maxTurns. */
export function buildDeepDiveTurns(
  input: TTurnInput & { superseded?: TSupersededFact; maxTurns: number; random: TRandom },
): string[] {
  const { facts, render, random } = input;
  const correction = input.superseded ? [render("turns/correction", { correction: input.superseded.correction })] : [];
  const pool = facts.files.flatMap((file, i) => fileTasks(file, facts.files[(i + 1) % facts.files.length]!, input));
  const room = Math.max(0, input.maxTurns - correction.length);
  const turns: string[] = [];
  while (pool.length > 0 && turns.length < room) turns.push(...random.shuffle(pool).slice(0, room - turns.length));
  return [...correction, ...turns];
}

function fileTasks(file: TChangedFile, next: TChangedFile, input: TTurnInput): string[] {
  const { render } = input;
  const path = file.path;
  const headers = hunkHeaders(input.diffs[path] ?? "");
  return [
    render("turns/deep-risks", { path }),
    render("turns/deep-tests", { path }),
    ...file.addedSymbols.slice(0, 3).map((symbol) => render("turns/deep-explain-symbol", { path, symbol })),
    ...file.removedSymbols.slice(0, 1).map((symbol) => render("turns/deep-removed-symbol", { path, symbol })),
    ...headers.slice(0, 3).map((header, i) => render("turns/deep-review-hunk", { path, hunk: i + 1, hunks: headers.length, header })),
    ...(next.path !== path ? [render("turns/deep-compare", { path, otherPath: next.path })] : []),
  ];
}

export function describeStatus(file: TChangedFile): string {
  return file.status === "renamed" && file.oldPath ? `renamed from \`${file.oldPath}\`` : file.status;
}

function hunkHeaders(diff: string): string[] {
  return diff
    .split("\n")
    .filter((l) => l.startsWith("@@"))
    .map((l) => /^@@[^@]*@@/.exec(l)?.[0] ?? l);
}

/** A Markdown code fence longer than any backtick run inside the text. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

function truncateLines(text: string, maxLines: number): string {
  const lines = text.trimEnd().split("\n");
  if (lines.length <= maxLines) return lines.join("\n");
  return [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines not shown; read the file)`].join("\n");
}
