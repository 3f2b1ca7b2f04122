import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentsConfig } from "./agents-config";
import { createClaudeAdapter, createClaudeParser } from "./claude";
import { collectLines, scratchDir, turnOptions, writeScript } from "./fixtures/helpers";

describe("claude stream-json parser", () => {
  it("falls back to streamed deltas when there is neither a result nor an assistant message", () => {
    const parser = createClaudeParser();
    for (const text of ["Hel", "lo"]) {
      parser.push(JSON.stringify({ type: "stream_event", event: { type: "content_block_delta", delta: { type: "text_delta", text } } }));
    }
    expect(parser.finish().text).toBe("Hello");
  });
});

// A stand-in for the claude binary: prints what it was given (argv, env, cwd) in its init line, claude-format stream-json,
// a compaction when resumed, and writes a session file under CLAUDE_CONFIG_DIR like the real CLI.
const FAKE_CLAUDE = `import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
const args = process.argv.slice(2);
if (args[0] === "--version") { console.log("2.1.328 (Claude Code)"); process.exit(0); }
const prompt = args[args.indexOf("-p") + 1];
const resumeAt = args.indexOf("--resume");
const sessionId = resumeAt >= 0 ? args[resumeAt + 1] : randomUUID();
const project = path.join(process.env.CLAUDE_CONFIG_DIR, "projects", process.cwd().replaceAll("/", "-"));
mkdirSync(project, { recursive: true });
appendFileSync(path.join(project, sessionId + ".jsonl"), JSON.stringify({ prompt }) + "\\n");
const out = (line) => process.stdout.write(JSON.stringify(line) + "\\n");
const env = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, SECRET_PARENT: process.env.SECRET_PARENT ?? null,
  ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, DISABLE_TELEMETRY: process.env.DISABLE_TELEMETRY };
out({ type: "system", subtype: "init", session_id: sessionId, cwd: process.cwd(), argv: args, env });
if (resumeAt >= 0) out({ type: "system", subtype: "compact_boundary", compact_metadata: { trigger: "auto", pre_tokens: 970015, post_tokens: 2642 }, session_id: sessionId });
out({ type: "assistant", message: { content: [{ type: "text", text: "reply to: " + prompt }], usage: { input_tokens: 100, output_tokens: 5 } }, session_id: sessionId });
out({ type: "result", subtype: "success", is_error: false, result: "reply to: " + prompt, session_id: sessionId, usage: { input_tokens: 100, output_tokens: 5 } });
`;

describe("claude adapter over a fake executable", () => {
  it("runs a turn and a resumed turn with argument arrays in the run's isolated env", async () => {
    const dir = await scratchDir();
    const fake = await writeScript(dir, "fake-claude.mjs", FAKE_CLAUDE);
    const workspace = path.join(dir, "workspace");
    await mkdir(workspace);
    const config = parseAgentsConfig({ projectRoot: dir, claude: { binaryPath: fake, apiKey: "sk-test", model: "claude-sonnet-4-5" } });
    const adapter = createClaudeAdapter(config);
    expect(await adapter.detect()).toEqual({ installed: true, version: "2.1.328", binaryPath: fake });

    const runDir = path.join(dir, "run");
    const { lines, onLine } = collectLines();
    const session = await adapter.openSession({ runDir, seed: 1, contextTokenLimit: 100_000, onLine });
    const initOf = (index: number) => JSON.parse(lines.filter((line) => line.stream === "stdout")[index]?.line ?? "{}");
    const prompt = `what changed? "; rm -rf / $(touch pwned) 'quoted'`;

    process.env.SECRET_PARENT = "do-not-leak";
    try {
      const first = await session.turn(prompt, turnOptions(workspace));
      const init = initOf(0);
      expect(init.argv).toEqual(["-p", prompt, "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5"]);
      expect(init.cwd).toBe(workspace);
      expect(init.env).toEqual({
        HOME: path.join(runDir, "home"),
        TMPDIR: path.join(runDir, "tmp"),
        SECRET_PARENT: null,
        ANTHROPIC_API_KEY: "sk-test",
        DISABLE_TELEMETRY: "1",
      });
      expect(first).toMatchObject({ text: `reply to: ${prompt}`, exitCode: 0, isError: false, compressions: [] });
      expect(session.sessionId).toBe(first.sessionId);

      const second = await session.turn("second", turnOptions(workspace));
      expect(initOf(3).argv).toEqual(expect.arrayContaining(["--resume", first.sessionId]));
      expect(second.sessionId).toBe(first.sessionId);
      expect(second.compressions).toEqual([{ trigger: "auto", tokensBefore: 970015, tokensAfter: 2642, source: "stdout" }]);
    } finally {
      delete process.env.SECRET_PARENT;
    }
    expect(lines.some((line) => line.stream === "system" && line.line.startsWith(`$ "${process.execPath}"`))).toBe(true);

    await session.dispose();
    const kept = path.join(runDir, "keep/.claude/projects", workspace.replaceAll("/", "-"));
    expect(await readdir(kept)).toEqual([`${session.sessionId}.jsonl`]);
    await expect(stat(path.join(runDir, "home"))).rejects.toThrow();
  });

  it("reports a binary that fails its --version probe as not installed", async () => {
    const dir = await scratchDir();
    const broken = await writeScript(dir, "claude.exe", "#!/bin/sh\necho 'Error: claude native binary not installed.' >&2\nexit 1\n");
    const detected = await createClaudeAdapter(parseAgentsConfig({ projectRoot: dir, claude: { binaryPath: broken } })).detect();
    expect(detected.installed).toBe(false);
    expect(detected.problem).toMatch(/fails `--version` \(exit 1: Error: claude native binary not installed/);
  });
});
