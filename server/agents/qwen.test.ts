import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentsConfig } from "./agents-config";
import { readFixture, scratchDir, turnOptions, writeScript } from "./fixtures/helpers";
import { createQwenAdapter, qwenSessionCompressions } from "./qwen";

describe("qwen session file", () => {
  it("reads successful chat_compression records and skips failed ones and torn lines", async () => {
    expect(qwenSessionCompressions(await readFixture("qwen", "session.jsonl"))).toEqual([
      { trigger: "auto", tokensBefore: 168071, tokensAfter: 165920, source: "session-file" },
      { trigger: "manual", tokensBefore: 12829, tokensAfter: 10518, source: "session-file" },
    ]);
  });
});

// Appends a chat_compression record to its session file on every resumed run, as Qwen Code does (never on stdout).
const FAKE_QWEN = `import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
const args = process.argv.slice(2);
if (args[0] === "--version") { console.log("0.24.4"); process.exit(0); }
const chats = path.join(process.env.HOME, ".qwen/projects", process.cwd().replaceAll("/", "-"), "chats");
mkdirSync(chats, { recursive: true });
const record = { type: "system", subtype: "chat_compression", systemPayload: { info: { originalTokenCount: 168071, newTokenCount: 165920, compressionStatus: 1, triggerReason: "token_limit" } } };
if (args.includes("--resume")) appendFileSync(path.join(chats, "q-1.jsonl"), JSON.stringify(record) + "\\n");
const out = (line) => process.stdout.write(JSON.stringify(line) + "\\n");
out({ type: "system", subtype: "init", session_id: "q-1", argv: args, model: process.env.OPENAI_MODEL, baseUrl: process.env.OPENAI_BASE_URL });
out({ type: "result", subtype: "success", is_error: false, result: "answer", session_id: "q-1", usage: { input_tokens: 5, output_tokens: 1 } });
`;

describe("qwen adapter over a fake executable", () => {
  it("passes the OpenAI-compatible settings and reads each turn's compressions from the session file", async () => {
    const dir = await scratchDir();
    const fake = await writeScript(dir, "cli-entry.js", FAKE_QWEN);
    const config = parseAgentsConfig({ projectRoot: dir, qwen: { binaryPath: fake, model: "fake-model", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk" } });
    const lines: string[] = [];
    const session = await createQwenAdapter(config).openSession({
      runDir: path.join(dir, "run"),
      seed: 1,
      contextTokenLimit: 100_000,
      onLine: ({ stream, line }) => stream === "stdout" && lines.push(line),
    });
    const turns = [];
    for (const prompt of ["one", "two", "three"]) turns.push(await session.turn(prompt, turnOptions(dir)));
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      argv: ["one", "--auth-type", "openai", "--output-format", "stream-json"],
      model: "fake-model",
      baseUrl: "http://127.0.0.1:9/v1",
    });
    expect(JSON.parse(lines[2] ?? "{}").argv).toEqual(expect.arrayContaining(["--resume", "q-1"]));
    expect(turns.map((turn) => turn.compressions.length)).toEqual([0, 1, 1]);
    expect(turns[1]?.compressions[0]).toEqual({ trigger: "auto", tokensBefore: 168071, tokensAfter: 165920, source: "session-file" });
    await session.dispose();
  });
});
