// Scores one agent run: every question in both phases (baseline, evaluation), per-dimension means, retention,
// thresholds and the breaking dimensions with a readable reason. Fact questions go to the reference judge,
// open ones to the LLM judge when there is one; otherwise they are listed as unscored, never guessed.
import { DEFAULT_THRESHOLD, DIMENSIONS, type TAnswerPhase, type TDimension, type TDimensionScore, type TQuestion, type TQuestionScore } from "../model";
import type { TCodeFile } from "./code-budget";
import { JudgeError, type TJudgement } from "./judge-error";
import type { TLlmJudge } from "./llm-judge";
import { judgeReference } from "./reference-judge";
import { describeBreak } from "./describe-break";

const PHASES: TAnswerPhase[] = ["baseline", "evaluation"];

export type TRunAnswer = { questionId: string; phase: TAnswerPhase; text: string };
export type TUnscoredAnswer = { questionId: string; phase: TAnswerPhase; reason: string };
export type TBreakingDimension = { dimension: TDimension; reason: string };

export type TScoreRunInput = {
  questions: TQuestion[];
  answers: TRunAnswer[];
  thresholds?: Partial<Record<TDimension, number>>;
  /** The task's dimensions; questions of other dimensions are ignored. Default: all. */
  dimensions?: readonly TDimension[];
  llmJudge?: Pick<TLlmJudge, "judgeOpen">;
  /** Reads the relevant files of an open question for the LLM judge. Default: no code. */
  loadCode?: (paths: string[]) => Promise<TCodeFile[]>;
  /** Parallel LLM judge calls. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
};

export type TRunScore = {
  questionScores: TQuestionScore[];
  /** Open questions left unscored because no LLM judge is configured; excluded from every mean. */
  unscored: TUnscoredAnswer[];
  /** Scored dimensions only, in the order of `dimensions`. */
  dimensions: TDimensionScore[];
  /** Task dimensions without a single scored evaluation answer (they neither pass nor break). */
  unscoredDimensions: TDimension[];
  /** Mean of the scored dimensions; null when none was scored. */
  overall: number | null;
  /** True when at least one dimension was scored and none broke. */
  passed: boolean;
  breaking: TBreakingDimension[];
};

/** Throws JudgeError when any judge fails: the caller marks scoring failed (retryable). */
export async function scoreRun(input: TScoreRunInput): Promise<TRunScore> {
  const dimensions = input.dimensions ?? DIMENSIONS;
  const questions = input.questions.filter((q) => dimensions.includes(q.dimension));
  const answerOf = new Map(input.answers.map((a) => [`${a.questionId}|${a.phase}`, a.text]));
  const results = await judgeAll(questions, answerOf, input);
  const questionScores = results.flatMap((r) => ("score" in r ? [r.score] : []));
  const unscored = results.flatMap((r) => ("unscored" in r ? [r.unscored] : []));

  const scored: TDimensionScore[] = [];
  const unscoredDimensions: TDimension[] = [];
  for (const dimension of dimensions) {
    const ids = new Set(questions.filter((q) => q.dimension === dimension).map((q) => q.id));
    const ofPhase = (phase: TAnswerPhase) => questionScores.filter((s) => s.phase === phase && ids.has(s.questionId));
    const evaluation = ofPhase("evaluation");
    if (evaluation.length === 0) {
      unscoredDimensions.push(dimension);
      continue;
    }
    const score = mean(evaluation.map((s) => s.score));
    const baseline = mean(ofPhase("baseline").map((s) => s.score));
    const threshold = input.thresholds?.[dimension] ?? DEFAULT_THRESHOLD;
    const passed = score >= threshold - 1e-9;
    const row: TDimensionScore = { dimension, score, baseline, retention: baseline > 0 ? score / baseline : null, threshold, passed };
    if (!passed) row.reason = describeBreak(row, evaluation, questions);
    scored.push(row);
  }
  const breaking = scored.filter((d) => !d.passed).map((d) => ({ dimension: d.dimension, reason: d.reason ?? "" }));
  return {
    questionScores,
    unscored,
    dimensions: scored,
    unscoredDimensions,
    overall: scored.length > 0 ? mean(scored.map((d) => d.score)) : null,
    passed: scored.length > 0 && breaking.length === 0,
    breaking,
  };
}

type TResult = { score: TQuestionScore } | { unscored: TUnscoredAnswer };

async function judgeAll(questions: TQuestion[], answerOf: Map<string, string>, input: TScoreRunInput): Promise<TResult[]> {
  const codeCache = new Map<string, Promise<TCodeFile[]>>();
  const codeFor = (q: TQuestion) => {
    if (!codeCache.has(q.id)) codeCache.set(q.id, input.loadCode && q.relevantFiles?.length ? input.loadCode(q.relevantFiles) : Promise.resolve([]));
    return codeCache.get(q.id) as Promise<TCodeFile[]>;
  };
  const tasks = questions.flatMap((question) =>
    PHASES.map((phase) => async (): Promise<TResult> => {
      const text = answerOf.get(`${question.id}|${phase}`) ?? "";
      const base = { questionId: question.id, phase };
      if (question.kind === "fact") {
        const truth = phase === "baseline" ? (question.baselineGroundTruth ?? question.groundTruth) : question.groundTruth;
        return { score: { ...base, judge: "reference", ...judgeReference({ ...question, groundTruth: truth }, text) } };
      }
      if (text.trim() === "") return { score: { ...base, judge: "reference", score: 0, rationale: "No answer." } };
      if (!input.llmJudge) return { unscored: { ...base, reason: "No LLM judge configured (JUDGE_BASE_URL unset)." } };
      const judgement = await judgeOpen(input.llmJudge, question, phase, text, answerOf, codeFor, input.signal);
      return { score: { ...base, judge: "llm", ...judgement } };
    }),
  );
  return runLimited(tasks, input.concurrency ?? 4);
}

async function judgeOpen(
  judge: Pick<TLlmJudge, "judgeOpen">,
  question: TQuestion,
  phase: TAnswerPhase,
  answer: string,
  answerOf: Map<string, string>,
  codeFor: (q: TQuestion) => Promise<TCodeFile[]>,
  signal?: AbortSignal,
): Promise<TJudgement> {
  try {
    const baselineAnswer = phase === "evaluation" ? answerOf.get(`${question.id}|baseline`) : undefined;
    return await judge.judgeOpen({ question, answer, baselineAnswer, relevantCode: await codeFor(question) }, { signal });
  } catch (error) {
    const message = `Judging ${question.id} (${phase}) failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new JudgeError(error instanceof JudgeError ? error.kind : "internal", message, error instanceof JudgeError ? error.status : undefined, { cause: error });
  }
}

/** Runs the thunks with at most `limit` at a time, in order; the first failure stops new starts and is thrown. */
async function runLimited<T>(thunks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(thunks.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < thunks.length) {
      const index = next++;
      try {
        results[index] = await (thunks[index] as () => Promise<T>)();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, thunks.length)) }, worker));
  return results;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
