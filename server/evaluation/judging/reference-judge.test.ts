import { describe, expect, it } from "vitest";
import type { TGroundTruth, TQuestion } from "../model";
import { JudgeError } from "./judge-error";
import { firstNumber, normaliseText } from "./normalise";
import { judgeReference } from "./reference-judge";

const fact = (groundTruth: TGroundTruth, id = "AR-fact-1"): TQuestion => ({ id, dimension: "AR", kind: "fact", prompt: "?", groundTruth });

describe("normalise", () => {
  it("lowercases, strips quotes and backticks, unifies separators, collapses whitespace", () => {
    expect(normaliseText("  `Server\\Jobs\\Retry-Jobs.ts`\n\t and  “Foo”  ")).toBe("server/jobs/retry-jobs.ts and foo");
  });

  it("finds the first standalone number or number word", () => {
    expect(firstNumber("It has three hunks, not 4")?.value).toBe(3);
    expect(firstNumber("In server/v2/app.ts there are 1,204 lines")?.value).toBe(1204);
    expect(firstNumber("version 1.2.3 then 7.")?.value).toBe(7);
    expect(firstNumber("about -2.5 degrees")?.value).toBe(-2.5);
    expect(firstNumber("utf8 everywhere")).toBeNull();
    expect(firstNumber("Twenty of them")?.value).toBe(20);
  });
});

describe("judgeReference", () => {
  it("contains: full match on normalised text", () => {
    const q = fact({ kind: "contains", expected: ["server/jobs/retry-jobs.ts", "retryJobs"] });
    const r = judgeReference(q, "The file `server\\jobs\\retry-jobs.ts` adds **\"RETRYJOBS\"**.");
    expect(r.score).toBe(1);
    expect(r.rationale).toMatch(/all 2 expected/);
  });

  it("contains: partial credit names what is missing", () => {
    const q = fact({ kind: "contains", expected: ["alpha", "beta", "gamma", "delta"] });
    const r = judgeReference(q, "alpha and gamma");
    expect(r.score).toBe(0.5);
    expect(r.rationale).toContain("missing “beta”, “delta”");
  });

  it("contains: whole tokens only", () => {
    const q = fact({ kind: "contains", expected: ["parseEnv"] });
    expect(judgeReference(q, "parseEnvironment was added").score).toBe(0);
    expect(judgeReference(q, "parseEnv() was added").score).toBe(1);
  });

  it("contains: a forbidden value zeroes the score and is named", () => {
    const q = fact({ kind: "contains", expected: ["port 8080"], forbidden: ["port 80"] });
    expect(judgeReference(q, "It listens on port 8080").score).toBe(1);
    const r = judgeReference(q, "It listens on port 8080, formerly port 80");
    expect(r.score).toBe(0);
    expect(r.rationale).toContain("“port 80”");
  });

  it("number: first number within tolerance, number words accepted", () => {
    const q = fact({ kind: "number", expected: 3, tolerance: 0 });
    expect(judgeReference(q, "**3** hunks touch it").score).toBe(1);
    expect(judgeReference(q, "Three hunks.").score).toBe(1);
    expect(judgeReference(q, "4 hunks, maybe 3").score).toBe(0);
    expect(judgeReference(q, "I don't remember").rationale).toMatch(/No number/);
    expect(judgeReference(fact({ kind: "number", expected: 100, tolerance: 5 }), "about 104 lines").score).toBe(1);
    expect(judgeReference(fact({ kind: "number", expected: 100, tolerance: 5 }), "about 106 lines").score).toBe(0);
  });

  it("prefix: after whitespace and markdown emphasis", () => {
    const q = fact({ kind: "prefix", prefix: "[MB-OK]" });
    expect(judgeReference(q, "  **[MB-OK]** The change adds retries").score).toBe(1);
    expect(judgeReference(q, "> _[mb-ok]_ yes").score).toBe(1);
    const r = judgeReference(q, "The change adds retries [MB-OK]");
    expect(r.score).toBe(0);
    expect(r.rationale).toMatch(/Does not start with/);
  });

  it("scores an empty answer 0 and refuses a question without ground truth", () => {
    expect(judgeReference(fact({ kind: "prefix", prefix: "X" }), "  ")).toEqual({ score: 0, rationale: "No answer." });
    expect(() => judgeReference({ id: "q", dimension: "AR", kind: "open", prompt: "?" }, "x")).toThrow(JudgeError);
  });

  it("is deterministic: the same transcript judged twice scores identically", () => {
    const questions = [
      fact({ kind: "contains", expected: ["a.ts", "b.ts", "c.ts"], forbidden: ["d.ts"] }, "1"),
      fact({ kind: "number", expected: 12, tolerance: 1 }, "2"),
      fact({ kind: "prefix", prefix: "NOTE:" }, "3"),
    ];
    const answers = ["a.ts and C.TS", "eleven or so", "*NOTE:* done"];
    const judgeAll = () => questions.map((q, i) => judgeReference(q, answers[i] ?? ""));
    const first = judgeAll();
    expect(judgeAll()).toEqual(first);
    expect(first.map((r) => r.score)).toEqual([2 / 3, 1, 1]);
  });
});
