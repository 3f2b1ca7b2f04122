import { afterEach, describe, expect, it } from "vitest";
import type { TQuestion } from "../model";
import { chatReply, startFakeChatServer, type TFakeChatServer, type TScriptedReply } from "./fake-chat-server";
import { JudgeError } from "./judge-error";
import { createLlmJudge, parseRetryAfter } from "./llm-judge";
import { renderCodeWithinBudget } from "./code-budget";

const question: TQuestion = { id: "LRU-open-1", dimension: "LRU", kind: "open", prompt: "How does the change fit the architecture?" };
const input = {
  question,
  answer: "It adds a retry layer between the router and pg-boss.",
  baselineAnswer: "BASELINE: a retry service used by the jobs router.",
  relevantCode: [{ path: "server/jobs/retry-jobs.ts", text: "export async function retryJobs() { /* CODE-MARKER */ }" }],
};

let server: TFakeChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function judgeWith(script: TScriptedReply[], options: { maxRetries?: number } = {}) {
  server = await startFakeChatServer(script);
  const judge = createLlmJudge({ baseUrl: `${server.baseUrl}/`, apiKey: "sk-test", model: "judge-model", timeoutMs: 5_000, retryBaseMs: 5, ...options });
  return judge.judgeOpen(input);
}

describe("createLlmJudge", () => {
  it("posts a temperature-0 JSON-mode request with the baseline answer and the code, and reads the verdict", async () => {
    const result = await judgeWith([chatReply(JSON.stringify({ score: 0.8, rationale: "Accurate but vague on ripple effects." }))]);
    expect(result).toEqual({ score: 0.8, rationale: "Accurate but vague on ripple effects." });
    const [request] = server?.requests ?? [];
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    const body = request?.body as { model: string; temperature: number; response_format: unknown; messages: { role: string; content: string }[] };
    expect(body.model).toBe("judge-model");
    expect(body.temperature).toBe(0);
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[0]?.content).toMatch(/"score"/);
    const user = body.messages[1]?.content ?? "";
    for (const part of [question.prompt, input.answer, input.baselineAnswer, "server/jobs/retry-jobs.ts", "CODE-MARKER"]) expect(user).toContain(part);
  });

  it("retries a 429 (honouring Retry-After: 0) then succeeds", async () => {
    const result = await judgeWith([
      { status: 429, headers: { "retry-after": "0" }, body: JSON.stringify({ error: { message: "rate limited" } }) },
      chatReply('{"score": 1, "rationale": "ok"}'),
    ]);
    expect(result.score).toBe(1);
    expect(server?.requests).toHaveLength(2);
  });

  it("retries a 500 then succeeds", async () => {
    const result = await judgeWith([{ status: 500, body: "upstream exploded" }, chatReply('{"score": 0, "rationale": "wrong"}')]);
    expect(result).toEqual({ score: 0, rationale: "wrong" });
    expect(server?.requests).toHaveLength(2);
  });

  it("gives up after maxRetries with the status and body in the error", async () => {
    const error = await judgeWith([{ status: 503, body: "overloaded" }], { maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeError);
    expect((error as JudgeError).status).toBe(503);
    expect((error as JudgeError).message).toMatch(/HTTP 503: overloaded \(3 attempts\)/);
    expect(server?.requests).toHaveLength(3);
  });

  it("does not retry other 4xx", async () => {
    await expect(judgeWith([{ status: 401, body: "bad key" }])).rejects.toThrow(/HTTP 401: bad key \(1 attempt\)/);
    expect(server?.requests).toHaveLength(1);
  });

  it.each([
    ["content that is not JSON", chatReply("I think it deserves a 7/10."), /content is not a JSON object: I think it deserves a 7\/10\./],
    ["a score out of range", chatReply('{"score": 7, "rationale": "good"}'), /score 7 outside 0\.\.1/],
    ["a missing score", chatReply('{"rationale": "good"}'), /no numeric "score"/],
    ["a missing rationale", chatReply('{"score": 0.5}'), /no "rationale"/],
    ["a body that is not JSON", { body: "<html>gateway</html>" }, /is not JSON: <html>gateway<\/html>/],
    ["no choices", { body: "{}" }, /no choices\[0\]\.message\.content/],
  ])("fails clearly on %s, never inventing a score", async (_name, reply, message) => {
    const error = await judgeWith([reply]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeError);
    expect((error as JudgeError).kind).toBe("malformed");
    expect((error as JudgeError).message).toMatch(/LRU-open-1/);
    expect((error as JudgeError).message).toMatch(message);
    expect(server?.requests).toHaveLength(1);
  });

  it("accepts JSON wrapped in a code fence", async () => {
    expect(await judgeWith([chatReply('```json\n{"score": 0.5, "rationale": "half"}\n```')])).toEqual({ score: 0.5, rationale: "half" });
  });

  it("retries and then reports an unreachable server", async () => {
    const judge = createLlmJudge({ baseUrl: "http://127.0.0.1:1", model: "m", maxRetries: 1, retryBaseMs: 1 });
    await expect(judge.judgeOpen(input)).rejects.toThrow(/unreachable.*\(2 attempts\)/);
  });
});

describe("helpers", () => {
  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("fits code into the budget, small files whole", () => {
    const text = renderCodeWithinBudget(
      [
        { path: "big.ts", text: "x".repeat(1000) },
        { path: "small.ts", text: "tiny" },
      ],
      104,
    );
    expect(text).toContain("tiny");
    expect(text).toContain(`${"x".repeat(100)}\n… [900 more characters not shown]`);
  });
});
