import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { STANDARD_BASE, STANDARD_HEAD, type TRepoChanges, type TRepoFiles } from "./standard-change";

// A real local git repository for tests: a base commit on `main`, a head commit on `feature`,
// refs/pull/<n>/head pointing at head (like GitHub), and optionally more commits on main after the branch point.

export type TMakeRepoOptions = {
  /** Created (mkdtemp) when omitted. */
  dir?: string;
  base?: TRepoFiles;
  head?: TRepoChanges;
  /** Commits added to main after feature branched off (each a set of changes), so main's tip ≠ merge-base. */
  mainAfterBranch?: TRepoChanges[];
  pullRequestNumber?: number;
};

export type TMadeRepo = {
  dir: string;
  fileUrl: string;
  baseRef: string;
  headRef: string;
  /** The branch point (= main before mainAfterBranch commits). */
  baseSha: string;
  headSha: string;
  mainSha: string;
  pullRef: string;
  cleanup: () => Promise<void>;
};

export async function makeRepo(options: TMakeRepoOptions = {}): Promise<TMadeRepo> {
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), "mb-repo-")));
  await mkdir(dir, { recursive: true });
  let clock = 1_700_000_000;
  const git = (...args: string[]) => {
    clock += 60;
    const date = `${clock} +0000`;
    return execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Test Author",
        GIT_AUTHOR_EMAIL: "author@example.com",
        GIT_COMMITTER_NAME: "Test Author",
        GIT_COMMITTER_EMAIL: "author@example.com",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
      },
    }).trim();
  };
  const commit = async (changes: TRepoChanges, message: string) => {
    await applyChanges(dir, changes);
    git("add", "-A");
    git("commit", "-q", "--no-gpg-sign", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD");
  };

  git("init", "-q", "-b", "main");
  const baseSha = await commit(options.base ?? STANDARD_BASE, "base");
  git("checkout", "-q", "-b", "feature");
  const headSha = await commit(options.head ?? STANDARD_HEAD, "head");
  git("checkout", "-q", "main");
  let mainSha = baseSha;
  for (const [i, changes] of (options.mainAfterBranch ?? []).entries()) mainSha = await commit(changes, `main ${i + 1}`);
  const pullRef = `refs/pull/${options.pullRequestNumber ?? 1}/head`;
  git("update-ref", pullRef, headSha);

  return {
    dir,
    fileUrl: `file://${dir}`,
    baseRef: "main",
    headRef: "feature",
    baseSha,
    headSha,
    mainSha,
    pullRef,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function applyChanges(dir: string, changes: TRepoChanges): Promise<void> {
  for (const [file, content] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (content === null) {
      await unlink(target);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
