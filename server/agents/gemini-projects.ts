import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

// Gemini CLI keeps its sessions per project: `<gemini dir>/tmp/<slug>/chats/session-<time>-<id8>.jsonl`, where the
// slug belongs to the working directory (`<slug>/.project_root` holds it, `<gemini dir>/projects.json` maps it).
// `--resume <id>` only looks in the current directory's project, so a session resumed in another directory (the
// memory-only phase runs in an empty one) is "not found" (exit 42). Before such a turn, the session's chat files are
// copied into that directory's project, claimed the way Gemini claims it.

const PROJECT_ROOT_FILE = ".project_root";

const slugify = (text: string) =>
  text.toLowerCase().replace(/[^a-z0-9]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "") || "project";

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** The slug whose `.project_root` names `cwd`, if Gemini (or we) claimed one. */
async function ownedSlug(tmpDir: string, cwd: string): Promise<string | undefined> {
  for (const slug of await listDir(tmpDir)) {
    if ((await readText(path.join(tmpDir, slug, PROJECT_ROOT_FILE)))?.trim() === cwd) return slug;
  }
  return undefined;
}

async function claimSlug(geminiDir: string, tmpDir: string, cwd: string): Promise<string> {
  const base = slugify(path.basename(cwd));
  const taken = new Set(await listDir(tmpDir));
  let slug = base;
  for (let counter = 1; taken.has(slug); counter++) slug = `${base}-${counter}`;
  await mkdir(path.join(tmpDir, slug, "chats"), { recursive: true });
  await writeFile(path.join(tmpDir, slug, PROJECT_ROOT_FILE), cwd);
  const registryFile = path.join(geminiDir, "projects.json");
  let registry: { projects: Record<string, string> } = { projects: {} };
  try {
    const parsed = JSON.parse((await readText(registryFile)) ?? "{}") as { projects?: Record<string, string> };
    registry = { projects: parsed.projects ?? {} };
  } catch {
    // a broken registry is reset, as Gemini does
  }
  registry.projects[cwd] = slug;
  await writeFile(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
  return slug;
}

/** The session's chat files per project slug, with the newest modification time of each set. */
async function sessionFiles(tmpDir: string, sessionId: string) {
  const suffix = `-${sessionId.slice(0, 8)}.jsonl`;
  const found: { slug: string; files: string[]; newest: number }[] = [];
  for (const slug of await listDir(tmpDir)) {
    const chats = path.join(tmpDir, slug, "chats");
    const files = (await listDir(chats)).filter((name) => name.startsWith("session-") && name.endsWith(suffix)).map((name) => path.join(chats, name));
    if (files.length === 0) continue;
    const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
    found.push({ slug, files, newest: Math.max(...times) });
  }
  return found;
}

/**
 * Makes `sessionId` resumable from `cwd`: when its newest chat files live in another project's folder, they are
 * copied into the project of `cwd` (claimed first if Gemini has not seen that directory). Returns the slug copied to,
 * or undefined when nothing had to move.
 */
export async function carryGeminiSession(geminiDir: string, cwd: string, sessionId: string): Promise<string | undefined> {
  const tmpDir = path.join(geminiDir, "tmp");
  const root = path.resolve(cwd);
  const sets = await sessionFiles(tmpDir, sessionId);
  const newest = sets.sort((a, b) => b.newest - a.newest)[0];
  if (!newest) return undefined;
  const target = (await ownedSlug(tmpDir, root)) ?? (await claimSlug(geminiDir, tmpDir, root));
  if (newest.slug === target) return undefined;
  const chats = path.join(tmpDir, target, "chats");
  await mkdir(chats, { recursive: true });
  for (const file of newest.files) await copyFile(file, path.join(chats, path.basename(file)));
  return target;
}
