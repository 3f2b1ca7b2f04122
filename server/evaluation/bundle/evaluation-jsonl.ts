// evaluation.jsonl: one JSON line per (run, question, phase) with the question, the answer, its score, the judge
// and the rationale. Takes runs as stored (each answer carries its score); a question a run did not answer in a
// phase still gets a line (answer null), so every (run, question, phase) is accounted for.
import type { TAnswerPhase } from "../model";

const PHASES: TAnswerPhase[] = ["baseline", "evaluation"];

export type TStoredAnswer = { questionKey: string; phase: string; text: string; score: number | null; judge: string | null; rationale: string | null };
export type TStoredRun = { id: string; agentId: string; trial: number; answers: TStoredAnswer[] };
export type TStoredQuestion = { key: string; dimension: string; kind: string; prompt: string };

export type TEvaluationLine = {
  runId: string;
  agentId: string;
  trial: number;
  questionId: string;
  dimension: string;
  kind: string;
  phase: TAnswerPhase;
  question: string;
  answer: string | null;
  score: number | null;
  judge: string | null;
  rationale: string | null;
};

export function evaluationJsonl(runs: readonly TStoredRun[], questions: readonly TStoredQuestion[]): string {
  const lines: TEvaluationLine[] = [];
  for (const run of runs) {
    const answers = new Map(run.answers.map((a) => [`${a.questionKey}|${a.phase}`, a]));
    for (const question of questions) {
      for (const phase of PHASES) {
        const answer = answers.get(`${question.key}|${phase}`);
        lines.push({
          runId: run.id,
          agentId: run.agentId,
          trial: run.trial,
          questionId: question.key,
          dimension: question.dimension,
          kind: question.kind,
          phase,
          question: question.prompt,
          answer: answer?.text ?? null,
          score: answer?.score ?? null,
          judge: answer?.judge ?? null,
          rationale: answer?.rationale ?? null,
        });
      }
    }
  }
  return lines.map((line) => `${JSON.stringify(line)}\n`).join("");
}
