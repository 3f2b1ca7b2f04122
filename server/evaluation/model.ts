// The evaluation's domain vocabulary, shared by sources, question building, the pipeline, judging and leaderboards.
// Plain types only (no db, no framework) so every layer and the sim agent's tests can import it.

export const DIMENSIONS = ["AR", "TTL", "LRU", "SF"] as const;
export type TDimension = (typeof DIMENSIONS)[number];

/** A dimension passes at this score unless the task sets its own threshold. */
export const DEFAULT_THRESHOLD = 0.7;

export const DIMENSION_TITLES: Record<TDimension, string> = {
  AR: "Accurate retrieval",
  TTL: "Test-time learning",
  LRU: "Long-range understanding",
  SF: "Selective forgetting",
};

/** One changed file of the diff, with the facts the questions are built from. */
export type TChangedFile = {
  path: string;
  status: "added" | "modified" | "deleted" | "renamed";
  oldPath?: string;
  additions: number;
  deletions: number;
  hunks: number;
  /** Function/class/const names that appear on added lines (declarations only). */
  addedSymbols: string[];
  /** Declarations that appear on removed lines and not on added ones. */
  removedSymbols: string[];
  language?: string;
};

/** What prepare learned about the change. `files` is the chosen subset (largest change first, ≤ maxFiles). */
export type TChangeFacts = {
  repository: string;
  baseRef: string;
  headRef: string;
  baseSha: string;
  headSha: string;
  files: TChangedFile[];
  totalFiles: number;
  totalAdditions: number;
  totalDeletions: number;
};

/** TTL: a rule given in pre-compression that the agent must still apply when evaluated. */
export type TPlantedRule = { instruction: string; prefix: string };

/** SF: a fact stated in pre-compression and superseded during the deep-dive; only newValue is right. */
export type TSupersededFact = { subject: string; oldValue: string; newValue: string; statement: string; correction: string };

/** How the reference judge scores a fact question. Matching is on normalised text (case, whitespace, quotes, slashes). */
export type TGroundTruth =
  | { kind: "contains"; expected: string[]; forbidden?: string[] } // every expected string present, no forbidden one
  | { kind: "number"; expected: number; tolerance: number } // first number in the answer within tolerance
  | { kind: "prefix"; prefix: string }; // rule compliance: the answer starts with the prefix

export type TQuestion = {
  id: string; // stable within a task, e.g. "AR-fact-1"
  dimension: TDimension;
  kind: "fact" | "open";
  prompt: string;
  groundTruth?: TGroundTruth; // present exactly for kind "fact"
  /** When the right answer at baseline differs (SF: the correction has not been said yet, so the old value is right). */
  baselineGroundTruth?: TGroundTruth;
  /** Repo-relative paths of the code the LLM judge is shown for open questions. */
  relevantFiles?: string[];
};

export type TSessionPhase = "pre-compression" | "baseline" | "deep-dive" | "memory-only" | "evaluation";
export const SESSION_PHASES: TSessionPhase[] = ["pre-compression", "baseline", "deep-dive", "memory-only", "evaluation"];

/** Everything an agent run says to the agent, built once by prepare and stored on the task. */
export type TSessionPlan = {
  facts: TChangeFacts;
  rule: TPlantedRule;
  superseded: TSupersededFact;
  /** Turns of the pre-compression phase (study the change; the rule and the first statement are given here). */
  preCompression: string[];
  /** Deep-dive turns, in order, until compression or maxTurns; the correction is among the first. */
  deepDive: string[];
  /** Index in deepDive of the turn that says the SF correction (the run never stops before it). */
  correctionTurn: number;
  /** The turn that announces the workspace is gone and the agent must answer from memory. */
  memoryOnly: string;
  questions: TQuestion[];
};

export type TAnswerPhase = "baseline" | "evaluation";

export type TQuestionScore = {
  questionId: string;
  phase: TAnswerPhase;
  score: number; // 0..1
  judge: "reference" | "llm";
  rationale: string;
};

export type TDimensionScore = {
  dimension: TDimension;
  score: number; // mean of its evaluation-phase question scores
  baseline: number; // same, baseline phase
  retention: number | null; // score / baseline (null when baseline is 0)
  threshold: number;
  passed: boolean;
  reason?: string; // why it broke
};
