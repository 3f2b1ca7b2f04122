// The reference judge: scores fact questions against their ground truth, deterministically (same input, same
// output), with a rationale that says what was found and what was missing.
import type { TGroundTruth, TQuestion } from "../model";
import { JudgeError, snippet, type TJudgement } from "./judge-error";
import { containsToken, firstNumber, normaliseText, stripMarkdownEmphasis } from "./normalise";

export function judgeReference(question: TQuestion, answerText: string): TJudgement {
  const truth = question.groundTruth;
  if (!truth) throw new JudgeError("invalid-question", `Question ${question.id} has no ground truth for the reference judge`);
  if (answerText.trim() === "") return { score: 0, rationale: "No answer." };
  return judgeAgainst(truth, answerText);
}

function judgeAgainst(truth: TGroundTruth, answerText: string): TJudgement {
  switch (truth.kind) {
    case "contains":
      return judgeContains(truth.expected, truth.forbidden ?? [], answerText);
    case "number":
      return judgeNumber(truth.expected, truth.tolerance, answerText);
    case "prefix":
      return judgePrefix(truth.prefix, answerText);
  }
}

function judgeContains(expected: string[], forbidden: string[], answerText: string): TJudgement {
  const answer = normaliseText(answerText);
  const present = (item: string) => containsToken(answer, normaliseText(item));
  const forbiddenFound = forbidden.filter(present);
  if (forbiddenFound.length > 0) {
    return { score: 0, rationale: `Contains ${list(forbiddenFound)}, which is wrong (superseded or not part of the change).` };
  }
  if (expected.length === 0) return { score: 1, rationale: "Nothing forbidden in the answer." };
  const found = expected.filter(present);
  const missing = expected.filter((item) => !found.includes(item));
  const score = found.length / expected.length;
  if (missing.length === 0) return { score, rationale: `Names all ${expected.length} expected: ${list(found)}.` };
  const head = `Names ${found.length} of ${expected.length} expected`;
  return { score, rationale: found.length > 0 ? `${head} (${list(found)}); missing ${list(missing)}.` : `${head}; missing ${list(missing)}.` };
}

function judgeNumber(expected: number, tolerance: number, answerText: string): TJudgement {
  const found = firstNumber(answerText);
  const want = tolerance > 0 ? `${expected} ± ${tolerance}` : `${expected}`;
  if (!found) return { score: 0, rationale: `No number in the answer; expected ${want}.` };
  const ok = Math.abs(found.value - expected) <= tolerance + 1e-9;
  return { score: ok ? 1 : 0, rationale: `First number is ${found.value} (“${found.raw}”); expected ${want}.` };
}

function judgePrefix(prefix: string, answerText: string): TJudgement {
  const want = normaliseText(stripMarkdownEmphasis(prefix));
  const answer = normaliseText(stripMarkdownEmphasis(answerText));
  if (answer.startsWith(want)) return { score: 1, rationale: `Starts with the required prefix “${prefix}”.` };
  return { score: 0, rationale: `Does not start with the required prefix “${prefix}”; starts with “${snippet(answerText.trim(), 40)}”.` };
}

const list = (items: string[]) => items.map((item) => `“${item}”`).join(", ");
