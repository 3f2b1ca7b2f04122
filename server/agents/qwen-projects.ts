import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// Qwen Code keeps sessions per project: `<qwen dir>/projects/<cwd with every non-alphanumeric as ->/chats/<id>.jsonl`,
// and `--resume <id>` accepts a session only if its first record's cwd is the current project, or a runtime status
// file (`chats/<id>.runtime.json`, which Qwen writes while a session runs) names the current directory. A session
// resumed in another directory (the memory-only phase) is "not found" (exit 1). Before such a turn, the session file
// is copied into that directory's project and a runtime status names the directory.

export const qwenProjectSlug = (cwd: string) => path.resolve(cwd).replace(/[^a-zA-Z0-9]/g, "-");

export async function newestSessionFile(projectsDir: string, sessionId: string): Promise<{ file: string; mtimeMs: number } | undefined> {
  let projects: string[];
  try {
    projects = await readdir(projectsDir);
  } catch {
    return undefined;
  }
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const project of projects.sort()) {
    const file = path.join(projectsDir, project, "chats", `${sessionId}.jsonl`);
    try {
      const { mtimeMs } = await stat(file);
      if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
    } catch {
      // not in this project
    }
  }
  return newest;
}

async function firstRecordCwd(file: string): Promise<string | undefined> {
  try {
    const first = (await readFile(file, "utf8")).split("\n", 1)[0] ?? "";
    const cwd = (JSON.parse(first) as { cwd?: unknown }).cwd;
    return typeof cwd === "string" ? cwd : undefined;
  } catch {
    return undefined;
  }
}

/** Makes `sessionId` resumable from `cwd`; returns the session file Qwen will read, or undefined when there is none. */
export async function carryQwenSession(qwenDir: string, cwd: string, sessionId: string): Promise<string | undefined> {
  const projectsDir = path.join(qwenDir, "projects");
  const newest = await newestSessionFile(projectsDir, sessionId);
  if (!newest) return undefined;
  const root = path.resolve(cwd);
  const chats = path.join(projectsDir, qwenProjectSlug(root), "chats");
  const target = path.join(chats, `${sessionId}.jsonl`);
  if (newest.file !== target) {
    await mkdir(chats, { recursive: true });
    await copyFile(newest.file, target);
  }
  if ((await firstRecordCwd(target)) !== root) {
    const status = { schema_version: 1, pid: process.pid, session_id: sessionId, work_dir: root, hostname: os.hostname(), started_at: Date.now() / 1000, qwen_version: null };
    await writeFile(path.join(chats, `${sessionId}.runtime.json`), `${JSON.stringify(status)}\n`);
  }
  return target;
}
