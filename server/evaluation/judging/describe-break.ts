// The one-line reason a dimension broke, e.g.
// "TTL 0.40 < 0.70: 2 of 3 fact questions wrong after compression (baseline 1.00)".
import type { TDimensionScore, TQuestion, TQuestionScore } from "../model";

export function describeBreak(dimension: TDimensionScore, evaluation: TQuestionScore[], questions: TQuestion[]): string {
  const kindOf = new Map(questions.map((q) => [q.id, q.kind]));
  const facts = evaluation.filter((s) => kindOf.get(s.questionId) === "fact");
  const open = evaluation.filter((s) => kindOf.get(s.questionId) === "open");
  const parts: string[] = [];
  if (facts.length > 0) {
    const wrong = facts.filter((s) => s.score === 0).length;
    const partly = facts.filter((s) => s.score > 0 && s.score < 1).length;
    parts.push(`${wrong} of ${facts.length} fact question${facts.length === 1 ? "" : "s"} wrong${partly > 0 ? `, ${partly} partly right` : ""}`);
  }
  if (open.length > 0) {
    const avg = open.reduce((sum, s) => sum + s.score, 0) / open.length;
    parts.push(`open question${open.length === 1 ? "" : "s"} ${fmt(avg)} on average (${open.length})`);
  }
  return `${dimension.dimension} ${fmt(dimension.score)} < ${fmt(dimension.threshold)}: ${parts.join("; ")} after compression (baseline ${fmt(dimension.baseline)})`;
}

const fmt = (x: number) => x.toFixed(2);
