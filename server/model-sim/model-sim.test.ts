import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseModelSimArgs, UsageError } from "./cli";
import { startModelSim, type TModelSim } from "./server";
import { DEFAULT_PRESSURE } from "./usage";

// The model simulator over HTTP, one protocol at a time, with conversations shaped like the CLIs' (see the recorded
// request bodies described in server/model-sim/README.md).

const DIFF = [
  "diff --git a/src/math.ts b/src/math.ts",
  "index 1111111..2222222 100644",
  "--- a/src/math.ts",
  "+++ b/src/math.ts",
  "@@ -1,3 +1,6 @@",
  " export const one = 1;",
  "-export function multiply(a: number, b: number) { return a * b; }",
  "+export function divide(a: number, b: number) {",
  "+  return a / b;",
  "+}",
  "@@ -10,2 +13,3 @@",
  "+export const clamp = (v: number) => v;",
].join("\n");
const STUDY = `Study file 1 of 1: \`src/math.ts\` (modified, +4 −1, 2 hunks).\n\nHere is its diff:\n\n\`\`\`diff\n${DIFF}\n\`\`\`\n\nRead the file \`src/math.ts\` in the workspace as well, then explain what this part of the change does and why.`;
const RULE = "Working agreement for the rest of this session: From now on, begin every answer to a question marked [REPORT] with the tag MB-1A2B: (the tag first, then your answer).";
const STATEMENT = "Remember this for later: The staging port of this change is `4242`.\n\nNo need to do anything with it now; just acknowledge.";
const CORRECTION = "Correction: the staging port of this change is now `5151`; forget `4242`.\n\nAcknowledge the correction in one sentence.";
const ASK_PORT = "What is the current value of the staging port of this change? Answer with the value only.";
const ASK_HUNKS = "How many hunks does the diff of `src/math.ts` have? Answer with a number.";
const CLAUDE_COMPACT = "Your task is to create a detailed summary of the conversation so far, paying close attention to the user's explicit requests.";
const FILE_TEXT = "export const one = 1;\nexport function divide(a: number, b: number) {\n  return a / b;\n}\n";
const READ_TOOL = {
  name: "Read",
  input_schema: { type: "object", properties: { file_path: { type: "string", description: "The absolute path to the file to read" } }, required: ["file_path"] },
};

type TMessage = { role: string; content: unknown };
const user = (text: string): TMessage => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): TMessage => ({ role: "assistant", content: [{ type: "text", text }] });
const ENVIRONMENT: TMessage = { role: "system", content: "# Environment\n - Primary working directory: /work/repo\n" };

let sim: TModelSim;
let logDir: string;

beforeAll(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), "mb-model-sim-test-"));
  sim = await startModelSim({ seed: 3, logFile: path.join(logDir, "requests.jsonl") });
});
afterAll(async () => {
  await sim.close();
  await rm(logDir, { recursive: true, force: true });
});

const post = (route: string, body: unknown) =>
  fetch(`${sim.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** The `data:` payloads of an SSE response (stops at OpenAI's [DONE]). */
async function sseData(response: Response): Promise<Record<string, any>[]> {
  const text = await response.text();
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)));
}

async function claude(messages: TMessage[], tools = [READ_TOOL]) {
  const events = await sseData(await post("/v1/messages?beta=true", { model: "claude-sim", stream: true, max_tokens: 1000, system: [{ type: "text", text: "You are Claude." }], tools, messages }));
  const text = events.filter((e) => e.delta?.type === "text_delta").map((e) => e.delta.text).join("");
  const toolUse = events.find((e) => e.content_block?.type === "tool_use")?.content_block;
  const input = events.find((e) => e.delta?.type === "input_json_delta")?.delta.partial_json;
  const usage = events.find((e) => e.type === "message_start")!.message.usage.input_tokens as number;
  const stop = events.find((e) => e.type === "message_delta")!.delta.stop_reason as string;
  return { text, toolUse, input: input ? JSON.parse(input) : undefined, usage, stop };
}

describe("Anthropic Messages (Claude Code)", () => {
  it("reads the file a study prompt names with the CLI's read tool (absolute path), then answers from the diff", async () => {
    const first = await claude([user(STUDY), ENVIRONMENT]);
    expect(first.stop).toBe("tool_use");
    expect(first.toolUse).toMatchObject({ type: "tool_use", name: "Read" });
    expect(first.input).toEqual({ file_path: "/work/repo/src/math.ts" });

    const withResult = [
      user(STUDY),
      ENVIRONMENT,
      { role: "assistant", content: [{ type: "tool_use", id: first.toolUse.id, name: "Read", input: first.input }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: first.toolUse.id, content: "1\texport const one = 1;\n2\texport function divide(a: number, b: number) {" }] },
    ];
    const second = await claude(withResult);
    expect(second.stop).toBe("end_turn");
    expect(second.text).toContain("`src/math.ts` (modified, 2 hunks");
    expect(second.usage).toBeGreaterThan(100);
  });

  it("answers only from what the request carries", async () => {
    expect((await claude([user(STUDY), assistant("ok"), user(ASK_HUNKS)])).text).toBe("2 hunks in `src/math.ts`.");
    expect((await claude([user(ASK_HUNKS)])).text).toBe("I don't remember the diff of `src/math.ts`.");
    expect((await claude([user(RULE), assistant("ok"), user(`[REPORT] ${ASK_HUNKS}`)])).text).toBe("MB-1A2B: I don't remember the diff of `src/math.ts`.");
  });

  it("reports pressure once the deep-dive begins, and the estimate again once the conversation holds a summary", async () => {
    const before = [user(STUDY), assistant("ok"), user(STATEMENT), assistant("ok")];
    expect((await claude([...before, user(ASK_PORT)])).usage).toBeLessThan(10_000);
    const deep = [...before, user(CORRECTION)];
    expect((await claude(deep)).usage).toBe(DEFAULT_PRESSURE.anthropic);

    const summary = (await claude([...deep, assistant("Noted."), user(CLAUDE_COMPACT)])).text;
    expect(summary).toMatch(/^<summary>\nSummary of the session so far \(model-sim, profile thorough\)/);
    const compacted = [user(`This session is being continued from a previous conversation.\nSummary:\n${summary}`), user(ASK_PORT)];
    const after = await claude(compacted);
    expect(after.usage).toBeLessThan(10_000);
    expect(after.text).toBe("`5151`");
  });
});

describe("summaries", () => {
  const session = [user(STUDY), assistant("ok"), user(RULE), assistant("ok"), user(STATEMENT), assistant("ok"), user(CORRECTION), assistant("ok"), user(CLAUDE_COMPACT)];

  it("keep every fact under the thorough profile, in the sentences the pipeline used", async () => {
    const { text } = await claude(session);
    expect(text).toContain("```diff\ndiff --git a/src/math.ts b/src/math.ts");
    expect(text).toContain("begin every answer to a question marked [REPORT] with the tag MB-1A2B:");
    expect(text).toContain("Remember this for later: The staging port of this change is `4242`");
    expect(text).toContain("Correction: the staging port of this change is now `5151`; forget `4242`");
    expect(text).not.toContain("context line"); // prompts and replies are not kept
  });

  it("drop facts under a lossy profile, the same way for the same seed", async () => {
    const lossy = await startModelSim({ profile: "forgets-instructions", seed: 3 });
    try {
      const ask = async () =>
        (await sseData(await fetch(`${lossy.url}/v1/messages`, { method: "POST", body: JSON.stringify({ stream: true, messages: session }) })))
          .filter((e) => e.delta?.type === "text_delta")
          .map((e) => e.delta.text)
          .join("");
      const first = await ask();
      expect(first).toContain("profile forgets-instructions");
      expect(first).not.toContain("Correction:");
      expect(await ask()).toBe(first);
      // The log holds the whole summary (its `reply` is shortened), so callers can tell what it dropped.
      const logged = lossy.requests().filter((entry) => entry.kind === "summary");
      expect(logged).toHaveLength(2);
      expect(logged[0]!.summary).toBe(first);
    } finally {
      await lossy.close();
    }
  });
});

describe("summaries of a repeating history", () => {
  it("give every fact the same fate however often it appears, and write it once", async () => {
    const summarize = async (url: string, messages: TMessage[]) =>
      (await sseData(await fetch(`${url}/v1/messages`, { method: "POST", body: JSON.stringify({ stream: true, messages }) })))
        .filter((e) => e.delta?.type === "text_delta")
        .map((e) => e.delta.text)
        .join("");
    const once = [user(STUDY), assistant("ok"), user(RULE), assistant("ok"), user(STATEMENT), assistant("ok"), user(CLAUDE_COMPACT)];
    // Gemini CLI, resumed, can send a file it read (here: the study turn) twice.
    const twice = [user(STUDY), assistant("ok"), user(STUDY), assistant("ok"), user(RULE), assistant("ok"), user(STATEMENT), assistant("ok"), user(CLAUDE_COMPACT)];
    const kept = new Set<boolean>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const lossy = await startModelSim({ profile: "lossy", seed });
      try {
        const summary = await summarize(lossy.url, once);
        expect(await summarize(lossy.url, twice), `seed ${seed}`).toBe(summary);
        expect(summary.split("Studied `src/math.ts`").length).toBeLessThanOrEqual(2);
        kept.add(summary.includes("Working agreement:"));
      } finally {
        await lossy.close();
      }
    }
    expect(kept).toEqual(new Set([true, false])); // the seeds still decide
  });
});

describe("Gemini generateContent (Gemini CLI)", () => {
  const contents = [{ role: "user", parts: [{ text: "<session_context>\n- **Workspace Directories:**\n  - /work/repo\n</session_context>" }, { text: STUDY }] }];

  it("answers JSON-mode calls with schema-shaped JSON (the model router)", async () => {
    const response = await post("/v1beta/models/gemini-flash-lite:generateContent", {
      contents,
      generationConfig: {
        responseMimeType: "application/json",
        responseJsonSchema: { type: "OBJECT", properties: { complexity_reasoning: { type: "STRING" }, complexity_score: { type: "INTEGER" }, tags: { type: "ARRAY" } } },
      },
    });
    const body = await response.json();
    expect(JSON.parse(body.candidates[0].content.parts[0].text)).toEqual({ complexity_reasoning: "A simple, read-only request.", complexity_score: 10, tags: [] });
  });

  it("streams a functionCall, then text in several SSE chunks with usage on the last", async () => {
    const tools = [{ functionDeclarations: [{ name: "read_file", parametersJsonSchema: { type: "object", properties: { file_path: { type: "string" } } } }] }];
    const call = await sseData(await post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", { contents, tools }));
    expect(call.at(-1)!.candidates[0].content.parts[0].functionCall).toMatchObject({ name: "read_file", args: { file_path: "src/math.ts" } });

    const history = [
      ...contents,
      { role: "model", parts: [{ functionCall: { name: "read_file", args: { file_path: "src/math.ts" } } }] },
      { role: "user", parts: [{ functionResponse: { name: "read_file", response: { output: FILE_TEXT } } }] },
    ];
    const chunks = await sseData(await post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", { contents: history, tools }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(0, -1).every((c) => c.usageMetadata === undefined)).toBe(true);
    expect(chunks.at(-1)!.usageMetadata.promptTokenCount).toBeGreaterThan(0);
    expect(chunks.at(-1)!.candidates[0].finishReason).toBe("STOP");
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join("")).toContain("`src/math.ts` declares `divide`.");
  });
});

describe("OpenAI chat completions (Qwen Code)", () => {
  it("streams tool_calls and text with a usage chunk and [DONE]", async () => {
    const tools = [{ type: "function", function: { name: "read_file", parameters: { type: "object", properties: { file_path: { type: "string", description: "The absolute path" } } } } }];
    const messages = [{ role: "system", content: "I'm currently working in the directory: /work/repo\n" }, { role: "user", content: STUDY }];
    const response = await post("/v1/chat/completions", { model: "m", stream: true, stream_options: { include_usage: true }, tools, messages });
    const raw = await response.clone().text();
    expect(raw.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const chunks = await sseData(response);
    const call = chunks.flatMap((c) => c.choices).find((c) => c.delta?.tool_calls)!.delta.tool_calls[0];
    expect(call.function).toEqual({ name: "read_file", arguments: JSON.stringify({ file_path: "/work/repo/src/math.ts" }) });
    expect(chunks.flatMap((c) => c.choices).find((c) => c.finish_reason)!.finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)!.usage.prompt_tokens).toBeGreaterThan(0);

    const answered = await post("/v1/chat/completions", {
      model: "m",
      messages: [...messages, { role: "assistant", content: null, tool_calls: [{ id: call.id, type: "function", function: call.function }] }, { role: "tool", tool_call_id: call.id, content: FILE_TEXT }, { role: "user", content: ASK_HUNKS }],
    });
    const body = await answered.json();
    expect(body.choices[0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant", content: "2 hunks in `src/math.ts`." } });
  });
});

describe("the server", () => {
  it("answers HEAD, 404s unknown routes and logs every request", async () => {
    expect((await fetch(`${sim.url}/`, { method: "HEAD" })).status).toBe(200);
    const missing = await post("/v2/unknown", {});
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain("/v2/unknown");
    const log = sim.requests();
    expect(log.at(-1)).toMatchObject({ protocol: "other", status: 404, path: "/v2/unknown" });
    expect(log.some((entry) => entry.kind === "tool-call" && entry.toolCall?.startsWith("Read "))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = (await readFile(path.join(logDir, "requests.jsonl"), "utf8")).trim().split("\n");
    expect(lines.length).toBe(log.length);
  });

  it("refuses an unknown profile", async () => {
    await expect(startModelSim({ profile: "nope" })).rejects.toThrow(/unknown model-sim profile "nope"/);
  });

  it("holds every model reply for --delay-ms, and gives up on a client that leaves meanwhile", async () => {
    const slow = await startModelSim({ delayMs: 400 });
    try {
      const body = JSON.stringify({ model: "m", messages: [{ role: "user", content: ASK_HUNKS }] });
      const t0 = Date.now();
      const answered = await fetch(`${slow.url}/v1/chat/completions`, { method: "POST", body });
      expect(answered.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
      expect((await fetch(`${slow.url}/`, { method: "HEAD" })).status).toBe(200); // not a model call: not held

      const left = fetch(`${slow.url}/v1/chat/completions`, { method: "POST", body, signal: AbortSignal.timeout(100) });
      await expect(left).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(slow.requests().map((entry) => [entry.status, entry.delayMs])).toEqual([[200, 400], [200, undefined], [499, 400]]);
    } finally {
      await slow.close();
    }
  });
});

describe("command line", () => {
  it("reads options from arguments over the environment", () => {
    expect(parseModelSimArgs(["--port", "0", "--pressure=anthropic=5000,openai=170000", "--usage-multiplier", "2"], { MODEL_SIM_PROFILE: "lossy", MODEL_SIM_PORT: "9999" })).toEqual({
      port: 0,
      profile: "lossy",
      usageMultiplier: 2,
      pressureTokens: { anthropic: 5000, openai: 170000 },
    });
    expect(parseModelSimArgs(["--list-profiles"], {})).toEqual({ list: true });
    expect(parseModelSimArgs(["--delay-ms", "250"], { MODEL_SIM_DELAY_MS: "9" })).toEqual({ delayMs: 250 });
    expect(parseModelSimArgs([], { MODEL_SIM_DELAY_MS: "9" })).toEqual({ delayMs: 9 });
    expect(() => parseModelSimArgs(["--seed", "x"], {})).toThrow(UsageError);
    expect(() => parseModelSimArgs(["--bogus"], {})).toThrow(/unknown argument/);
  });
});
