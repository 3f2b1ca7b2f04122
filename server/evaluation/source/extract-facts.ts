import parseDiff from "parse-diff";
import type { TChangeFacts, TChangedFile } from "../model";
import { languageOf } from "./languages";
import { runGit } from "./run-git";
import { SourceError } from "./source-error";
import { declaredSymbols } from "./symbols";

// base..head as unified diff (renames detected) → one TChangedFile per text file, plus that file's own diff text.

export type TFileDiff = { file: TChangedFile; diff: string };

/** Unified diff text per chosen file path, as the session plan quotes it. */
export type TFileDiffs = Record<string, string>;

export type TExtractFactsInput = {
  repoDir: string;
  baseSha: string;
  headSha: string;
  maxFiles: number;
  /** Shown in facts; no credentials. */
  repository: string;
  baseRef: string;
  headRef: string;
  signal?: AbortSignal;
  timeoutMs?: number;
};

export async function extractFacts(input: TExtractFactsInput): Promise<{ facts: TChangeFacts; diffs: TFileDiffs }> {
  const { repoDir, baseSha, headSha } = input;
  const raw = await runGit(
    ["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "-M", "--unified=3", `${baseSha}..${headSha}`, "--"],
    { cwd: repoDir, signal: input.signal, timeoutMs: input.timeoutMs },
  );
  const all = parseFileDiffs(raw);
  if (all.length === 0) {
    throw new SourceError(
      "empty-diff",
      `${input.baseRef}..${input.headRef} changes no text files in ${input.repository} (${short(baseSha)}..${short(headSha)})`,
    );
  }
  const chosen = chooseFiles(all, input.maxFiles);
  return {
    facts: {
      repository: input.repository,
      baseRef: input.baseRef,
      headRef: input.headRef,
      baseSha,
      headSha,
      files: chosen.map((d) => d.file),
      totalFiles: all.length,
      totalAdditions: sum(all, (d) => d.file.additions),
      totalDeletions: sum(all, (d) => d.file.deletions),
    },
    diffs: Object.fromEntries(chosen.map((d) => [d.file.path, d.diff])),
  };
}

/** Largest change first (additions + deletions), path ascending for ties; at most maxFiles. */
export function chooseFiles(files: TFileDiff[], maxFiles: number): TFileDiff[] {
  const size = (d: TFileDiff) => d.file.additions + d.file.deletions;
  return [...files]
    .sort((a, b) => size(b) - size(a) || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))
    .slice(0, Math.max(0, maxFiles));
}

/** Splits a `git diff` into per-file blocks and parses each; binary files are skipped. */
export function parseFileDiffs(raw: string): TFileDiff[] {
  const blocks = raw.split(/^(?=diff --git )/m).filter((b) => b.startsWith("diff --git "));
  const result: TFileDiff[] = [];
  for (const block of blocks) {
    if (/^(Binary files .* differ|GIT binary patch)$/m.test(block)) continue;
    const parsed = parseDiff(block)[0];
    if (parsed) result.push({ file: toChangedFile(parsed, block), diff: block.trimEnd() + "\n" });
  }
  return result;
}

function toChangedFile(parsed: parseDiff.File, block: string): TChangedFile {
  const renameFrom = /^rename from (.+)$/m.exec(block)?.[1];
  const renameTo = /^rename to (.+)$/m.exec(block)?.[1];
  const status: TChangedFile["status"] = parsed.new
    ? "added"
    : parsed.deleted
      ? "deleted"
      : renameFrom && renameTo
        ? "renamed"
        : "modified";
  const path = (status === "deleted" ? parsed.from : (renameTo ?? parsed.to)) ?? parsed.from ?? "";
  const language = languageOf(path);
  const lines = (type: "add" | "del") =>
    parsed.chunks.flatMap((c) => c.changes.filter((ch) => ch.type === type).map((ch) => ch.content.slice(1)));
  const added = declaredSymbols(lines("add"), language);
  const addedSet = new Set(added);
  const removed = declaredSymbols(lines("del"), language).filter((s) => !addedSet.has(s));
  return {
    path,
    status,
    ...(status === "renamed" ? { oldPath: renameFrom } : {}),
    additions: parsed.additions,
    deletions: parsed.deletions,
    hunks: parsed.chunks.length,
    addedSymbols: added,
    removedSymbols: removed,
    ...(language ? { language } : {}),
  };
}

const sum = <T>(items: T[], f: (item: T) => number) => items.reduce((n, item) => n + f(item), 0);
const short = (sha: string) => sha.slice(0, 12);
