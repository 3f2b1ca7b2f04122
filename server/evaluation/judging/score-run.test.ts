import { describe, expect, it } from "vitest";
import type { TQuestion } from "../model";
import { JudgeError } from "./judge-error";
import type { TOpenJudgeInput } from "./llm-judge";
import { scoreRun, type TRunAnswer } from "./score-run";

const questions: TQuestion[] = [
  { id: "AR-1", dimension: "AR", kind: "fact", prompt: "Which file?", groundTruth: { kind: "contains", expected: ["a.ts"] } },
  { id: "AR-2", dimension: "AR", kind: "fact", prompt: "How many hunks?", groundTruth: { kind: "number", expected: 2, tolerance: 0 } },
  { id: "TTL-1", dimension: "TTL", kind: "fact", prompt: "Q1", groundTruth: { kind: "prefix", prefix: "OK:" } },
  { id: "TTL-2", dimension: "TTL", kind: "fact", prompt: "Q2", groundTruth: { kind: "prefix", prefix: "OK:" } },
  { id: "TTL-3", dimension: "TTL", kind: "fact", prompt: "Q3", groundTruth: { kind: "prefix", prefix: "OK:" } },
  { id: "LRU-1", dimension: "LRU", kind: "open", prompt: "Fit?", relevantFiles: ["a.ts"] },
];

const both = (questionId: string, baseline: string, evaluation: string): TRunAnswer[] => [
  { questionId, phase: "baseline", text: baseline },
  { questionId, phase: "evaluation", text: evaluation },
];

const answers: TRunAnswer[] = [
  ...both("AR-1", "a.ts", "a.ts"),
  ...both("AR-2", "2", "two"),
  ...both("TTL-1", "OK: x", "OK: x"),
  ...both("TTL-2", "OK: y", "y"),
  ...both("TTL-3", "OK: z", "z"),
  ...both("LRU-1", "baseline view", "final view"),
];

describe("scoreRun", () => {
  it("scores facts, applies thresholds and explains the breaking dimension", async () => {
    const result = await scoreRun({ questions, answers, dimensions: ["AR", "TTL"] });
    expect(result.questionScores).toHaveLength(10);
    expect(result.dimensions.map((d) => [d.dimension, d.score, d.baseline, d.passed])).toEqual([
      ["AR", 1, 1, true],
      ["TTL", 1 / 3, 1, false],
    ]);
    expect(result.dimensions[1]?.retention).toBeCloseTo(1 / 3);
    expect(result.overall).toBeCloseTo(2 / 3);
    expect(result.passed).toBe(false);
    expect(result.breaking).toEqual([{ dimension: "TTL", reason: "TTL 0.33 < 0.70: 2 of 3 fact questions wrong after compression (baseline 1.00)" }]);
  });

  it("takes per-dimension thresholds", async () => {
    const result = await scoreRun({ questions, answers, dimensions: ["AR", "TTL"], thresholds: { TTL: 0.3 } });
    expect(result.passed).toBe(true);
    expect(result.breaking).toEqual([]);
    expect(result.dimensions.find((d) => d.dimension === "TTL")?.threshold).toBe(0.3);
  });

  it("lists open questions as unscored without a judge, and leaves them out of the means", async () => {
    const result = await scoreRun({ questions, answers });
    expect(result.unscored.map((u) => `${u.questionId}/${u.phase}`)).toEqual(["LRU-1/baseline", "LRU-1/evaluation"]);
    expect(result.unscoredDimensions).toEqual(["LRU", "SF"]);
    expect(result.dimensions.map((d) => d.dimension)).toEqual(["AR", "TTL"]);
    expect(result.questionScores.some((s) => s.questionId === "LRU-1")).toBe(false);
  });

  it("sends open questions to the LLM judge with the baseline answer and the code", async () => {
    const calls: TOpenJudgeInput[] = [];
    const llmJudge = {
      judgeOpen: async (input: TOpenJudgeInput) => {
        calls.push(input);
        return { score: input.answer === "final view" ? 0.5 : 0.9, rationale: "judged" };
      },
    };
    const loadCode = async (paths: string[]) => paths.map((path) => ({ path, text: `code of ${path}` }));
    const result = await scoreRun({ questions, answers, dimensions: ["LRU"], llmJudge, loadCode });
    expect(calls.map((c) => [c.answer, c.baselineAnswer])).toEqual([
      ["baseline view", undefined],
      ["final view", "baseline view"],
    ]);
    expect(calls[1]?.relevantCode).toEqual([{ path: "a.ts", text: "code of a.ts" }]);
    expect(result.dimensions[0]).toMatchObject({ dimension: "LRU", score: 0.5, baseline: 0.9, passed: false });
    expect(result.breaking[0]?.reason).toBe("LRU 0.50 < 0.70: open question 0.50 on average (1) after compression (baseline 0.90)");
    expect(result.questionScores.every((s) => s.judge === "llm")).toBe(true);
  });

  it("scores a missing answer 0 without asking the judge", async () => {
    const llmJudge = { judgeOpen: async () => expect.unreachable() as never };
    const result = await scoreRun({ questions, answers: [], dimensions: ["LRU", "AR"], llmJudge });
    expect(result.questionScores.every((s) => s.score === 0 && s.rationale === "No answer.")).toBe(true);
    expect(result.breaking.map((b) => b.dimension)).toEqual(["LRU", "AR"]);
  });

  it("propagates a judge failure as JudgeError naming the question", async () => {
    const llmJudge = {
      judgeOpen: async () => {
        throw new JudgeError("malformed", "Judge reply is not JSON: nope");
      },
    };
    const error = await scoreRun({ questions, answers, llmJudge }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeError);
    expect((error as JudgeError).kind).toBe("malformed");
    expect((error as JudgeError).message).toMatch(/Judging LRU-1 \(baseline\) failed: Judge reply is not JSON/);
  });

  it("wraps any other judge error as JudgeError", async () => {
    const llmJudge = { judgeOpen: async () => Promise.reject(new Error("socket hang up")) };
    await expect(scoreRun({ questions, answers, llmJudge })).rejects.toSatisfy((e) => e instanceof JudgeError && /socket hang up/.test(e.message));
  });

  it("is deterministic", async () => {
    const run = () => scoreRun({ questions, answers });
    expect(await run()).toEqual(await run());
  });
});
