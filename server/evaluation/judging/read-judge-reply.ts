// Reads an OpenAI chat completions reply into a judgement, or says exactly why it cannot.
import { JudgeError, snippet, type TJudgement } from "./judge-error";

export function readJudgeReply(body: string, questionId: string): TJudgement {
  const fail = (why: string, text: string) => new JudgeError("malformed", `Judge reply for ${questionId} ${why}: ${snippet(text) || "(empty)"}`);
  const envelope = parseJson(body);
  if (envelope === undefined) throw fail("is not JSON", body);
  const choice = (envelope as { choices?: { message?: { content?: unknown }; finish_reason?: unknown }[] }).choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== "string") throw fail("has no choices[0].message.content", body);
  const verdict = parseJson(stripFence(content));
  if (verdict === undefined || verdict === null || typeof verdict !== "object" || Array.isArray(verdict)) {
    const truncated = choice?.finish_reason === "length" ? " (cut off at the token limit)" : "";
    throw fail(`content is not a JSON object${truncated}`, content);
  }
  const { score, rationale } = verdict as { score?: unknown; rationale?: unknown };
  if (typeof score !== "number" || !Number.isFinite(score)) throw fail("has no numeric \"score\"", content);
  if (score < 0 || score > 1) throw fail(`has score ${score} outside 0..1`, content);
  if (typeof rationale !== "string" || rationale.trim() === "") throw fail("has no \"rationale\" text", content);
  return { score, rationale: rationale.trim() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Some models wrap JSON mode output in a ```json fence; the object inside is still the reply. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(text);
  return match?.[1] ?? text;
}
