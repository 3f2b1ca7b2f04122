import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./fixtures/helpers";
import { carryGeminiSession } from "./gemini-projects";
import { carryQwenSession, qwenProjectSlug } from "./qwen-projects";

// Gemini CLI and Qwen Code only resume sessions of the current directory's project; the memory-only phase runs in
// another directory. These carry a session over, in the layouts the real CLIs wrote (fixtures/*/recorded-*).

const SESSION = "6caf6e44-037a-4daa-a75d-75d62f6f105d";
const exists = (file: string) => stat(file).then(() => true, () => false);

describe("carryGeminiSession", () => {
  it("copies the session's chat files into the new directory's project, claimed as Gemini claims it", async () => {
    const home = await scratchDir();
    const gemini = path.join(home, ".gemini");
    const repo = path.join(home, "work", "repo");
    const empty = path.join(home, "work", "empty");
    const chats = path.join(gemini, "tmp", "repo", "chats");
    await mkdir(chats, { recursive: true });
    await writeFile(path.join(gemini, "tmp", "repo", ".project_root"), repo);
    await writeFile(path.join(gemini, "projects.json"), JSON.stringify({ projects: { [repo]: "repo" } }));
    const file = `session-2026-11-23T14-30-${SESSION.slice(0, 8)}.jsonl`;
    await writeFile(path.join(chats, file), `{"sessionId":"${SESSION}"}\n`);
    await writeFile(path.join(chats, "session-2026-11-23T14-30-aaaaaaaa.jsonl"), "{}\n"); // another session

    expect(await carryGeminiSession(gemini, empty, SESSION)).toBe("empty");
    expect(await readFile(path.join(gemini, "tmp", "empty", "chats", file), "utf8")).toContain(SESSION);
    expect(await exists(path.join(gemini, "tmp", "empty", "chats", "session-2026-11-23T14-30-aaaaaaaa.jsonl"))).toBe(false);
    expect(await readFile(path.join(gemini, "tmp", "empty", ".project_root"), "utf8")).toBe(empty);
    expect(JSON.parse(await readFile(path.join(gemini, "projects.json"), "utf8")).projects).toEqual({ [repo]: "repo", [empty]: "empty" });

    // Already where Gemini will look: nothing to do. Unknown session: nothing to do.
    expect(await carryGeminiSession(gemini, empty, SESSION)).toBeUndefined();
    expect(await carryGeminiSession(gemini, repo, "00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("takes another slug when the base name belongs to another directory", async () => {
    const home = await scratchDir();
    const gemini = path.join(home, ".gemini");
    const chats = path.join(gemini, "tmp", "repo", "chats");
    await mkdir(chats, { recursive: true });
    await writeFile(path.join(gemini, "tmp", "repo", ".project_root"), "/elsewhere/repo");
    await writeFile(path.join(chats, `session-x-${SESSION.slice(0, 8)}.jsonl`), "{}\n");
    expect(await carryGeminiSession(gemini, path.join(home, "b", "repo"), SESSION)).toBe("repo-1");
  });
});

describe("carryQwenSession", () => {
  it("copies the session file into the new directory's project and writes a runtime status naming it", async () => {
    const home = await scratchDir();
    const qwen = path.join(home, ".qwen");
    const repo = path.join(home, "work", "repo");
    const empty = path.join(home, "work", "empty");
    const chats = path.join(qwen, "projects", qwenProjectSlug(repo), "chats");
    await mkdir(chats, { recursive: true });
    await writeFile(path.join(chats, `${SESSION}.jsonl`), `${JSON.stringify({ sessionId: SESSION, cwd: repo, type: "user" })}\n`);

    expect(await carryQwenSession(qwen, repo, SESSION)).toBe(path.join(chats, `${SESSION}.jsonl`));
    expect(await exists(path.join(chats, `${SESSION}.runtime.json`))).toBe(false); // its own project: nothing to say

    const target = await carryQwenSession(qwen, empty, SESSION);
    const targetChats = path.join(qwen, "projects", qwenProjectSlug(empty), "chats");
    expect(target).toBe(path.join(targetChats, `${SESSION}.jsonl`));
    expect(JSON.parse(await readFile(path.join(targetChats, `${SESSION}.runtime.json`), "utf8"))).toMatchObject({
      schema_version: 1,
      session_id: SESSION,
      work_dir: empty,
      qwen_version: null,
    });
    expect(await carryQwenSession(qwen, empty, "no-such-session")).toBeUndefined();
  });
});
