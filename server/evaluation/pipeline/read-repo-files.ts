import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TCodeFile } from "../judging/code-budget";

const MAX_FILE_BYTES = 256 * 1024;

/** Reads repo-relative files for the LLM judge; paths escaping the repo and missing files are skipped. */
export async function readRepoFiles(repoDir: string, paths: string[]): Promise<TCodeFile[]> {
  const root = path.resolve(repoDir);
  const files: TCodeFile[] = [];
  for (const relative of paths) {
    const full = path.resolve(root, relative);
    if (!full.startsWith(`${root}${path.sep}`)) continue;
    const text = await readFile(full, "utf8").catch(() => null);
    if (text !== null) files.push({ path: relative, text: text.slice(0, MAX_FILE_BYTES) });
  }
  return files;
}
