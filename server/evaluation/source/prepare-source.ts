import type { TChangeFacts } from "../model";
import { cloneSource } from "./clone-source";
import { extractFacts, type TFileDiffs } from "./extract-facts";
import { SourceError } from "./source-error";
import { redactUrl, toSourceLocation, ZTaskSource, type TTaskSource } from "./source-input";

// The prepare step's source half: fetch the two commits, diff them, keep the facts of the largest changes.

export type TPrepareSourceInput = {
  source: TTaskSource;
  /** STORAGE_DIR/{taskId}/repo; the agent's workspace afterwards (head checked out). */
  repoDir: string;
  maxFiles: number;
  githubToken?: string;
  signal?: AbortSignal;
  /** Per git command. */
  timeoutMs?: number;
};

export type TPreparedSource = {
  facts: TChangeFacts;
  /** Unified diff text of each chosen file, keyed by its path (what buildSessionPlan quotes). */
  diffs: TFileDiffs;
  displayName: string;
};

export async function prepareSource(input: TPrepareSourceInput): Promise<TPreparedSource> {
  const parsed = ZTaskSource.safeParse(input.source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError("invalid", issue ? issue.message : "invalid source");
  }
  const location = toSourceLocation(parsed.data);
  const { baseSha, headSha, defaultBranch } = await cloneSource({
    location,
    dir: input.repoDir,
    githubToken: input.githubToken,
    signal: input.signal,
    timeoutMs: input.timeoutMs,
  });
  const { facts, diffs } = await extractFacts({
    repoDir: input.repoDir,
    baseSha,
    headSha,
    maxFiles: input.maxFiles,
    repository: parsed.data.kind === "github-pr" ? parsed.data.url : redactUrl(parsed.data.repository),
    // A pull request is compared from its merge-base with the default branch, which facts name by its branch.
    baseRef: location.baseIsMergeBase ? (defaultBranch ?? location.baseRef) : location.baseRef,
    headRef: location.headRef,
    signal: input.signal,
    timeoutMs: input.timeoutMs,
  });
  return { facts, diffs, displayName: location.displayName };
}
