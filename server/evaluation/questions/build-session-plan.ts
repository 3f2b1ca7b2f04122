import { DIMENSIONS, type TChangeFacts, type TDimension, type TQuestion, type TSessionPlan } from "../model";
import { buildDeepDiveTurns, buildPreCompressionTurns, type TRender } from "./build-turns";
import { FACT_BUILDERS } from "./fact-questions";
import { openQuestions } from "./open-questions";
import { createRule, createSupersededFact, RULE_MARKER } from "./planted-facts";
import { renderPrompt } from "./render-prompt";
import { createRandom } from "./seeded-random";

// Everything an agent run says to the agent, from the facts of the change and a seed (same seed → same plan).

export type TBuildSessionPlanInput = {
  facts: TChangeFacts;
  /** Unified diff text per chosen file path (prepareSource's `diffs`). */
  diffs: Record<string, string>;
  seed: number;
  /** Default: all four. */
  dimensions?: readonly TDimension[];
  /** Default 3 (the most there are); a dimension without fact questions still gets one. */
  openQuestionsPerDimension?: number;
  /** Deep-dive turns at most (the runner stops earlier once it sees a compression); at least the correction is sent. */
  maxTurns: number;
  /** A longer file diff is cut in the study turn (the agent can read the file). Default 400. */
  maxDiffLines?: number;
  promptsDir?: string;
};

export function buildSessionPlan(input: TBuildSessionPlanInput): TSessionPlan {
  const { facts, seed } = input;
  const dimensions = DIMENSIONS.filter((d) => (input.dimensions ?? DIMENSIONS).includes(d));
  const render: TRender = (name, values) => renderPrompt(name, values, input.promptsDir);
  const rule = createRule(createRandom(seed, "rule"));
  const superseded = createSupersededFact(createRandom(seed, "superseded"));
  const turnInput = { facts, diffs: input.diffs, render, maxDiffLines: input.maxDiffLines ?? 400 };
  const asksTtl = dimensions.includes("TTL");
  const asksSf = dimensions.includes("SF");

  const questions: TQuestion[] = dimensions.flatMap((dimension) => {
    const marker = (prompt: string) => (dimension === "TTL" ? `${RULE_MARKER} ${prompt}` : prompt);
    const facts_ = FACT_BUILDERS[dimension]({ facts, rule, superseded, render, random: createRandom(seed, `facts:${dimension}`) });
    const openCount = Math.max(input.openQuestionsPerDimension ?? 3, facts_.length === 0 ? 1 : 0);
    const open = openQuestions(dimension, openCount, facts, render);
    return [
      ...facts_.map((q, i): TQuestion => ({ id: `${dimension}-fact-${i + 1}`, dimension, kind: "fact", ...q, prompt: marker(q.prompt) })),
      ...open.map((q, i): TQuestion => ({ id: `${dimension}-open-${i + 1}`, dimension, kind: "open", ...q, prompt: marker(q.prompt) })),
    ];
  });

  return {
    facts,
    rule,
    superseded,
    preCompression: buildPreCompressionTurns({ ...turnInput, rule: asksTtl ? rule : undefined, superseded: asksSf ? superseded : undefined }),
    deepDive: buildDeepDiveTurns({
      ...turnInput,
      superseded: asksSf ? superseded : undefined,
      maxTurns: Math.max(input.maxTurns, asksSf ? 1 : 0),
      random: createRandom(seed, "deep-dive"),
    }),
    // buildDeepDiveTurns puts the correction first; -1 when SF is not asked (no correction to wait for).
    correctionTurn: asksSf ? 0 : -1,
    memoryOnly: render("turns/memory-only"),
    questions,
  };
}
