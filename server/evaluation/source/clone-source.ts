import { mkdir } from "node:fs/promises";
import { GitCommandError, gitReason, runGit } from "./run-git";
import { SourceError } from "./source-error";
import { redactUrl, type TSourceLocation } from "./source-input";

// Fetches exactly the two commits a task compares into `dir` (git init + shallow fetch of each ref), checks out head.
// Falls back to a full fetch when the server refuses a shallow or by-name fetch, and resolves both SHAs.

export type TCloneSourceOptions = {
  location: TSourceLocation;
  /** Created if missing; STORAGE_DIR/{taskId}/repo, decided by the caller. */
  dir: string;
  /** Sent only to github.com, as an http.extraHeader given through GIT_CONFIG_* env (never argv, disk or logs). */
  githubToken?: string;
  signal?: AbortSignal;
  /** Per git command. */
  timeoutMs?: number;
  /** History fetched per ref; pull requests deepen it until the merge-base is found. */
  depth?: number;
};

export type TClonedSource = {
  dir: string;
  baseSha: string;
  headSha: string;
  /** The remote's default branch (from HEAD), e.g. "main"; undefined when the remote does not say. */
  defaultBranch?: string;
};

const BASE = "refs/memory-break/base";
const HEAD = "refs/memory-break/head";

export async function cloneSource(opts: TCloneSourceOptions): Promise<TClonedSource> {
  const { location, dir } = opts;
  const repo = redactUrl(location.cloneUrl);
  const local = { cwd: dir, signal: opts.signal, timeoutMs: opts.timeoutMs };
  const remote = { ...local, env: authEnv(location, opts.githubToken) };
  const url = location.cloneUrl;

  await mkdir(dir, { recursive: true });
  await runGit(["init", "-q"], local);
  let defaultBranch: string | undefined;
  try {
    const heads = await runGit(["ls-remote", "--symref", "--", url, "HEAD"], remote);
    defaultBranch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(heads)?.[1];
  } catch (error) {
    throw asSourceError(error, `Repository ${repo} could not be reached`);
  }

  let fullyFetched = false;
  const fetchAll = async () => {
    if (fullyFetched) return;
    const unshallow = (await runGit(["rev-parse", "--is-shallow-repository"], local)).trim() === "true";
    const refspecs = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];
    await runGit(["fetch", "-q", ...(unshallow ? ["--unshallow"] : []), "--", url, ...refspecs], remote);
    fullyFetched = true;
  };

  const fetchRef = async (ref: string, target: string, depth: number) => {
    const refspec = `+${ref}:${target}`;
    let missing = false;
    try {
      return await runGit(["fetch", "-q", "--no-tags", `--depth=${depth}`, "--", url, refspec], remote);
    } catch (error) {
      if (!(error instanceof GitCommandError) || error.timedOut) throw asSourceError(error, `Fetching ${ref} from ${repo} failed`);
      missing = /couldn't find remote ref/i.test(error.stderr);
    }
    try {
      if (missing) throw new Error("not advertised under this name");
      // The server may refuse shallow fetches or unadvertised objects: try a full fetch of the ref, then of everything.
      return await runGit(["fetch", "-q", "--no-tags", "--", url, refspec], remote);
    } catch {
      if (opts.signal?.aborted) throw opts.signal.reason;
      await fetchAll().catch((error) => {
        throw asSourceError(error, `Fetching ${repo} failed`);
      });
      const sha = await resolveLocal(ref === "HEAD" && defaultBranch ? defaultBranch : ref, local);
      if (!sha) throw new SourceError("unknown-ref", `Ref "${ref}" does not exist in ${repo}`);
      await runGit(["update-ref", target, sha], local);
    }
  };

  const depth = opts.depth ?? (location.baseIsMergeBase ? 50 : 1);
  await fetchRef(location.headRef, HEAD, depth);
  await fetchRef(location.baseRef, BASE, depth);
  const headSha = await commitOf(HEAD, location.headRef, repo, local);
  let baseSha = await commitOf(BASE, location.baseRef, repo, local);

  if (location.baseIsMergeBase) {
    let mergeBase = await findMergeBase(baseSha, headSha, local);
    for (let d = depth * 8; !mergeBase && d <= depth * 512; d *= 8) {
      await fetchRef(location.headRef, HEAD, d);
      await fetchRef(location.baseRef, BASE, d);
      mergeBase = await findMergeBase(baseSha, headSha, local);
    }
    if (!mergeBase) {
      await fetchAll().catch((error) => {
        throw asSourceError(error, `Fetching ${repo} failed`);
      });
      mergeBase = await findMergeBase(baseSha, headSha, local);
    }
    if (!mergeBase) {
      throw new SourceError("invalid", `${location.headRef} has no common history with the default branch of ${repo}`);
    }
    baseSha = mergeBase;
  }

  await runGit(["-c", "advice.detachedHead=false", "checkout", "-q", "--force", "--detach", headSha], local);
  return { dir, baseSha, headSha, ...(defaultBranch ? { defaultBranch } : {}) };
}

function authEnv(location: TSourceLocation, token: string | undefined): Record<string, string> {
  if (!token || !location.isGithub || !location.cloneUrl.startsWith("https://")) return {};
  // The header GitHub's own checkout action sends; scoped to github.com so redirects elsewhere never see it.
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.https://github.com/.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

async function resolveLocal(ref: string, opts: { cwd: string; signal?: AbortSignal }): Promise<string | null> {
  for (const candidate of [ref, `refs/remotes/origin/${ref}`, `refs/tags/${ref}`]) {
    const sha = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${candidate}^{commit}`], opts).catch(() => "");
    if (sha.trim()) return sha.trim();
  }
  return null;
}

async function commitOf(localRef: string, ref: string, repo: string, opts: { cwd: string; signal?: AbortSignal }) {
  const sha = await runGit(["rev-parse", "--verify", "--quiet", `${localRef}^{commit}`], opts).catch(() => "");
  if (!sha.trim()) throw new SourceError("invalid", `Ref "${ref}" in ${repo} does not point to a commit`);
  return sha.trim();
}

async function findMergeBase(a: string, b: string, opts: { cwd: string; signal?: AbortSignal }): Promise<string | null> {
  const out = await runGit(["merge-base", a, b], opts).catch(() => "");
  return out.trim() || null;
}

function asSourceError(error: unknown, prefix: string): unknown {
  if (error instanceof SourceError || !(error instanceof GitCommandError)) return error;
  const reason = error.timedOut ? "timed out" : gitReason(error.stderr) || `git exited with ${error.exitCode}`;
  return new SourceError("unreachable", `${prefix}: ${reason}`);
}
