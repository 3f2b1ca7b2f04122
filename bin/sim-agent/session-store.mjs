import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

// One JSON file per session: session-dir/<id>.json. Ids are derived from profile, seed and first prompt (deterministic).

export async function loadSession(sessionDir, id) {
  const file = path.join(sessionDir, `${id}.json`);
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, "utf8"));
}

export async function saveSession(sessionDir, session) {
  await mkdir(sessionDir, { recursive: true });
  const file = path.join(sessionDir, `${session.id}.json`);
  await writeFile(`${file}.tmp`, JSON.stringify(session, null, 1));
  await rename(`${file}.tmp`, file);
}

export function newSession({ sessionDir, profile, seed, prompt }) {
  const hash = createHash("sha256").update(`${profile}\n${seed}\n${prompt}`).digest("hex").slice(0, 12);
  let id = `sim-${hash}`;
  for (let n = 2; existsSync(path.join(sessionDir, `${id}.json`)); n++) id = `sim-${hash}-${n}`;
  return { id, profile, seed, turn: 0, compressions: 0, nextNoteId: 1, notes: [] };
}
