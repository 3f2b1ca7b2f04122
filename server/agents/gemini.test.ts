import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentsConfig } from "./agents-config";
import { splitJsonObjects } from "./compression-files";
import { collectLines, readFixture, scratchDir, turnOptions, writeScript } from "./fixtures/helpers";
import { createGeminiAdapter, geminiTelemetryCompressions } from "./gemini";

describe("gemini telemetry outfile", () => {
  it("splits pretty-printed records (braces and quotes inside strings, a torn last record)", async () => {
    const records = splitJsonObjects(await readFixture("gemini", "telemetry.log"));
    expect(records).toHaveLength(3);
    expect(splitJsonObjects('noise {"a":1}{"b":"}"}\n{"c":')).toEqual([{ a: 1 }, { b: "}" }]);
  });

  it("finds the chat compression records", async () => {
    expect(geminiTelemetryCompressions(await readFixture("gemini", "telemetry.log"))).toEqual([
      { trigger: "auto", tokensBefore: 600000, tokensAfter: 228, source: "telemetry" },
    ]);
  });
});

// Writes a compression record to the telemetry outfile on its second run, as Gemini CLI does (never on stdout).
const FAKE_GEMINI = `import { appendFileSync, existsSync, readFileSync } from "node:fs";
const args = process.argv.slice(2);
if (args[0] === "--version") { console.log("0.61.0"); process.exit(0); }
const settings = JSON.parse(readFileSync(process.env.GEMINI_CLI_HOME + "/.gemini/settings.json", "utf8"));
const outfile = process.env.GEMINI_TELEMETRY_OUTFILE;
const resumed = args.includes("--resume");
if (resumed && !existsSync(outfile + ".done")) {
  appendFileSync(outfile, JSON.stringify({ attributes: { "event.name": "gemini_cli.chat_compression", tokens_before: 600000, tokens_after: 228 } }, null, 2) + "\\n");
  appendFileSync(outfile + ".done", "");
}
const out = (line) => process.stdout.write(JSON.stringify(line) + "\\n");
out({ type: "init", session_id: "g-1", model: "auto", auth: settings.security.auth.selectedType, threshold: settings.model?.compressionThreshold, argv: args });
out({ type: "message", role: "assistant", content: "ok", delta: true });
out({ type: "result", status: "success", stats: { input_tokens: 10, output_tokens: 2 } });
`;

describe("gemini adapter over a fake executable", () => {
  it("writes its settings, resumes by id and reads each compression from the telemetry file once", async () => {
    const dir = await scratchDir();
    const fake = await writeScript(dir, "gemini.js", FAKE_GEMINI);
    const adapter = createGeminiAdapter(parseAgentsConfig({ projectRoot: dir, gemini: { binaryPath: fake, model: "gemini-2.5-flash" } }));
    const { lines, onLine } = collectLines();
    const session = await adapter.openSession({ runDir: path.join(dir, "run"), seed: 1, contextTokenLimit: 262_144, onLine });
    const turns = [];
    for (const prompt of ["one", "two", "three"]) turns.push(await session.turn(prompt, turnOptions(dir)));
    const init = JSON.parse(lines.find((line) => line.stream === "stdout")?.line ?? "{}");
    expect(init).toMatchObject({ auth: "gemini-api-key", threshold: 0.25, argv: ["-p", "one", "--output-format", "stream-json", "-m", "gemini-2.5-flash"] });
    expect(turns.map((turn) => turn.compressions)).toEqual([[], [{ trigger: "auto", tokensBefore: 600000, tokensAfter: 228, source: "telemetry" }], []]);
    expect(turns[2]?.text).toBe("ok");
    await session.dispose();
  });
});
