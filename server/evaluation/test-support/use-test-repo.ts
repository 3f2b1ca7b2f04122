import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { makeRepo, type TMadeRepo, type TMakeRepoOptions } from "./make-repo";

// Vitest fixture: one made repository and one scratch folder per test file, removed afterwards.
// Read the fields inside tests or hooks (they are set in beforeAll).

export type TTestRepo = {
  repo: TMadeRepo;
  scratch: string;
  /** A new path under scratch (not created), e.g. for a clone. */
  freshDir: (label?: string) => string;
};

export function useTestRepo(options: TMakeRepoOptions = {}): TTestRepo {
  let count = 0;
  const fixture = {
    freshDir: (label = "dir") => path.join(fixture.scratch, `${label}-${++count}`),
  } as TTestRepo;
  beforeAll(async () => {
    fixture.repo = await makeRepo(options);
    fixture.scratch = await mkdtemp(path.join(tmpdir(), "mb-test-"));
  });
  afterAll(async () => {
    await fixture.repo?.cleanup();
    if (fixture.scratch) await rm(fixture.scratch, { recursive: true, force: true });
  });
  return fixture;
}
