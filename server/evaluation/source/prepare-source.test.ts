import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo } from "../test-support/make-repo";
import { useTestRepo } from "../test-support/use-test-repo";
import { cloneSource } from "./clone-source";
import { prepareSource } from "./prepare-source";
import { SourceError } from "./source-error";

const fixture = useTestRepo();
const freshDir = () => fixture.freshDir("clone");

const prepare = (repository: string, baseRef = fixture.repo.baseRef, headRef = fixture.repo.headRef, maxFiles = 10) =>
  prepareSource({ source: { kind: "git", repository, baseRef, headRef }, repoDir: freshDir(), maxFiles });

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe("prepareSource against a real git repository", () => {
  it("extracts the facts of the change, largest change first, binary files skipped", async () => {
    const { facts, diffs } = await prepare(fixture.repo.dir);
    expect(facts).toMatchObject({ repository: fixture.repo.dir, baseRef: "main", headRef: "feature", baseSha: fixture.repo.baseSha, headSha: fixture.repo.headSha });
    // math.ts and report.py both change 13 lines, README.md and formatting.ts 2: ties go by path.
    expect(facts.files.map((f) => f.path)).toEqual(["src/cache.ts", "src/math.ts", "tools/report.py", "src/legacy.ts", "README.md", "src/utils/formatting.ts"]);
    expect(facts.totalFiles).toBe(6);
    expect(facts.totalAdditions).toBe(facts.files.reduce((n, f) => n + f.additions, 0));
    expect(facts.totalDeletions).toBe(facts.files.reduce((n, f) => n + f.deletions, 0));

    const byPath = Object.fromEntries(facts.files.map((f) => [f.path, f]));
    expect(byPath["src/cache.ts"]).toMatchObject({
      status: "added",
      additions: 32,
      deletions: 0,
      hunks: 1,
      language: "typescript",
      addedSymbols: ["CacheOptions", "LruCache", "lookup", "store", "makeCacheKey", "createCache"],
      removedSymbols: [],
    });
    expect(byPath["src/math.ts"]).toMatchObject({ status: "modified", hunks: 2, addedSymbols: ["clamp", "divide"], removedSymbols: ["multiply"] });
    expect(byPath["tools/report.py"]).toMatchObject({
      status: "modified",
      language: "python",
      addedSymbols: ["summarize", "ReportWriter", "__init__", "write_summary"],
      removedSymbols: ["render"],
    });
    expect(byPath["src/legacy.ts"]).toMatchObject({ status: "deleted", additions: 0, deletions: 7, removedSymbols: ["oldHelper", "LegacyThing"] });
    expect(byPath["src/utils/formatting.ts"]).toMatchObject({ status: "renamed", oldPath: "src/utils/format.ts", additions: 1, deletions: 1 });
    expect(facts.files.some((f) => f.path.endsWith(".png"))).toBe(false);

    expect(Object.keys(diffs)).toEqual(facts.files.map((f) => f.path));
    expect(diffs["src/math.ts"]).toMatch(/^diff --git a\/src\/math.ts b\/src\/math.ts\n/);
    expect(diffs["src/math.ts"]!.match(/^@@/gm)).toHaveLength(2);
  });

  it("keeps at most maxFiles, the largest changes, with path order for ties", async () => {
    const { facts, diffs } = await prepare(fixture.repo.dir, "main", "feature", 2);
    expect(facts.files.map((f) => f.path)).toEqual(["src/cache.ts", "src/math.ts"]);
    expect(Object.keys(diffs)).toEqual(["src/cache.ts", "src/math.ts"]);
    expect(facts.totalFiles).toBe(6);
  });

  it("clones from a file:// URL as from a path, with head checked out", async () => {
    const dir = freshDir();
    const { facts } = await prepareSource({ source: { kind: "git", repository: fixture.repo.fileUrl, baseRef: "main", headRef: "feature" }, repoDir: dir, maxFiles: 10 });
    expect(facts.headSha).toBe(fixture.repo.headSha);
    expect(facts.files).toHaveLength(6);
    expect(readFileSync(path.join(dir, "src/cache.ts"), "utf8")).toContain("class LruCache");
    expect(existsSync(path.join(dir, "src/legacy.ts"))).toBe(false);
  });

  it("accepts commit SHAs and tags-or-branches alike", async () => {
    const { facts } = await prepare(fixture.repo.dir, fixture.repo.baseSha, fixture.repo.headSha.slice(0, 10));
    expect([facts.baseSha, facts.headSha]).toEqual([fixture.repo.baseSha, fixture.repo.headSha]);
  });

  it("names an unknown ref", async () => {
    const error = await sourceError(prepare(fixture.repo.dir, "main", "feature-x"));
    expect(error.code).toBe("unknown-ref");
    expect(error.message).toBe(`Ref "feature-x" does not exist in ${fixture.repo.dir}`);
  });

  it("reports an unreachable repository", async () => {
    const error = await sourceError(prepare(path.join(fixture.scratch, "no-such-repo")));
    expect(error.code).toBe("unreachable");
    expect(error.message).toMatch(new RegExp(`^Repository ${path.join(fixture.scratch, "no-such-repo")} could not be reached: .+`));
    expect((await sourceError(prepare("file:///no/such/repo"))).code).toBe("unreachable");
  });

  it("refuses an empty diff", async () => {
    const error = await sourceError(prepare(fixture.repo.dir, "feature", "feature"));
    expect(error.code).toBe("empty-diff");
    expect(error.message).toContain("feature..feature");
  });

  it("turns an invalid source into SourceError invalid", async () => {
    const error = await sourceError(
      prepareSource({ source: { kind: "git", repository: "relative", baseRef: "a", headRef: "b" }, repoDir: freshDir(), maxFiles: 3 }),
    );
    expect(error.code).toBe("invalid");
    expect(error.message).toContain("repository");
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled by test"));
    await expect(
      prepareSource({ source: { kind: "git", repository: fixture.repo.dir, baseRef: "main", headRef: "feature" }, repoDir: freshDir(), maxFiles: 3, signal: controller.signal }),
    ).rejects.toThrow("cancelled by test");
  });
});

describe("cloneSource for pull requests", () => {
  it("compares refs/pull/N/head with its merge-base on the default branch", async () => {
    const advanced = await makeRepo({ mainAfterBranch: [{ "docs/later.md": "written on main after the branch\n" }] });
    try {
      const location = { cloneUrl: advanced.fileUrl, baseRef: "HEAD", headRef: advanced.pullRef, baseIsMergeBase: true, displayName: "x#1", isGithub: false };
      const cloned = await cloneSource({ location, dir: freshDir(), depth: 1 });
      expect(cloned).toMatchObject({ baseSha: advanced.baseSha, headSha: advanced.headSha, defaultBranch: "main" });
      expect(advanced.mainSha).not.toBe(advanced.baseSha);
    } finally {
      await advanced.cleanup();
    }
  });

  it("names a pull request that does not exist", async () => {
    const location = { cloneUrl: fixture.repo.dir, baseRef: "HEAD", headRef: "refs/pull/999/head", baseIsMergeBase: true, displayName: "x#999", isGithub: false };
    const error = await sourceError(cloneSource({ location, dir: freshDir() }));
    expect(error).toMatchObject({ code: "unknown-ref", message: `Ref "refs/pull/999/head" does not exist in ${fixture.repo.dir}` });
  });
});
