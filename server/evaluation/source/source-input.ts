import { z } from "zod";

// What a task evaluates: a GitHub pull request or any git repository with two refs.
// Isomorphic (the new-task form parses with it too): no node imports here.

const PR_URL = /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/pull\/([1-9]\d{0,9})(?:\/(?:files|commits|checks))?\/?(?:[?#].*)?$/;

export type TPullRequestRef = { owner: string; repo: string; number: number };

export function parsePullRequestUrl(url: string): TPullRequestRef | null {
  const m = PR_URL.exec(url.trim());
  if (!m) return null;
  const repo = m[2]!.replace(/\.git$/, "");
  if (repo === "." || repo === "..") return null;
  return { owner: m[1]!, repo, number: Number(m[3]) };
}

const REMOTE_URL = /^(?:https?|ssh|git):\/\/[^\s/@]+(?:@[^\s/]+)?\/\S+$/;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s-][^\s]*$/;
const FILE_URL = /^file:\/\/\/\S*$/;
const ABSOLUTE_PATH = /^\/[^\0\n]*$/;

export function isRepositoryLocation(value: string): boolean {
  if (value.startsWith("-") || /[\0\n\r]/.test(value)) return false;
  return REMOTE_URL.test(value) || SCP_LIKE.test(value) || FILE_URL.test(value) || ABSOLUTE_PATH.test(value);
}

/** A trimmed, non-empty string whose messages name the field. */
const zField = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, { error: `${field} is required` })
    .max(max, { error: `${field} is too long (at most ${max} characters)` });

/** The parts of `git check-ref-format` a user can trip over, with a message naming the field. Also accepts commit SHAs. */
const zGitRef = (field: string) =>
  zField(field, 250)
    .refine((v) => !/\s/.test(v), { error: `${field} must not contain whitespace` })
    .refine((v) => !v.startsWith("-"), { error: `${field} must not start with "-"` })
    .refine((v) => !v.includes(".."), { error: `${field} must not contain ".."` })
    .refine((v) => !/[~^:?*[\\\x00-\x1f\x7f]/.test(v) && !v.includes("@{"), {
      error: `${field} must not contain ~ ^ : ? * [ \\ or "@{"`,
    })
    .refine((v) => !/(^|\/)\.|\/\/|\/$|\.lock(\/|$)|\.$/.test(v) && v !== "@", {
      error: `${field} is not a valid git ref name`,
    });

export const ZGithubPrSource = z
  .object({
    kind: z.literal("github-pr"),
    url: zField("url", 500).refine((v) => parsePullRequestUrl(v) !== null, {
      error: "url must be a GitHub pull request URL like https://github.com/owner/repo/pull/123",
    }),
  })
  .strict();

export const ZGitSource = z
  .object({
    kind: z.literal("git"),
    repository: zField("repository", 2000).refine(isRepositoryLocation, {
      error: "repository must be an https://, ssh://, git:// or file:// URL, user@host:path, or an absolute path",
    }),
    baseRef: zGitRef("baseRef"),
    headRef: zGitRef("headRef"),
  })
  .strict();

export const ZTaskSource = z.discriminatedUnion("kind", [ZGithubPrSource, ZGitSource], {
  error: 'kind must be "github-pr" or "git"',
});
export type TTaskSource = z.infer<typeof ZTaskSource>;

/** Where to fetch from and what to compare. */
export type TSourceLocation = {
  cloneUrl: string;
  /** For pull requests "HEAD" (the remote's default branch); the diff then starts at its merge-base with headRef. */
  baseRef: string;
  headRef: string;
  baseIsMergeBase: boolean;
  /** For messages and titles; never carries credentials. */
  displayName: string;
  /** True when the URL points at github.com, the only host a GitHub token is ever sent to. */
  isGithub: boolean;
};

export function toSourceLocation(source: TTaskSource): TSourceLocation {
  if (source.kind === "github-pr") {
    const pr = parsePullRequestUrl(source.url);
    if (!pr) throw new Error(`Not a GitHub pull request URL: ${source.url}`);
    return {
      cloneUrl: `https://github.com/${pr.owner}/${pr.repo}.git`,
      baseRef: "HEAD",
      headRef: `refs/pull/${pr.number}/head`,
      baseIsMergeBase: true,
      displayName: `${pr.owner}/${pr.repo}#${pr.number}`,
      isGithub: true,
    };
  }
  const repository = redactUrl(source.repository);
  return {
    cloneUrl: source.repository,
    baseRef: source.baseRef,
    headRef: source.headRef,
    baseIsMergeBase: false,
    displayName: `${repository} ${source.baseRef}..${source.headRef}`,
    isGithub: /^(?:https:\/\/|ssh:\/\/git@|git@)github\.com[/:]/.test(source.repository),
  };
}

/** Drops credentials from a URL so it can appear in messages and logs: any user part of http(s), any password elsewhere. */
export function redactUrl(url: string): string {
  return url
    .replace(/^(https?:\/\/)[^/@\s]+@/i, "$1")
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/:@\s]+):[^/@\s]*@/i, "$1$2@");
}
