import { describe, expect, it } from "vitest";
import { flipRate, meanWithCi, pairedComparison, passRate, sampleSd, tQuantile, wilsonInterval } from "./stats";

describe("stats", () => {
  it("t quantiles match the tables", () => {
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
  });

  it("mean, sample sd and the 95% t interval", () => {
    const xs = [0.2, 0.4, 0.6, 0.8, 1.0];
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(0.1), 12);
    const r = meanWithCi(xs);
    const half = 2.7764451 * (Math.sqrt(0.1) / Math.sqrt(5));
    expect(r.n).toBe(5);
    expect(r.mean).toBeCloseTo(0.6, 12);
    expect(r.ci95?.low).toBeCloseTo(0.6 - half, 6);
    expect(r.ci95?.high).toBeCloseTo(0.6 + half, 6);
  });

  it("gives no interval for n = 1 and no mean for n = 0", () => {
    expect(meanWithCi([0.5])).toEqual({ n: 1, mean: 0.5, sd: null, ci95: null });
    expect(meanWithCi([])).toEqual({ n: 0, mean: null, sd: null, ci95: null });
  });

  it("Wilson interval", () => {
    // 8 of 10: the textbook Wilson 95% interval is [0.490, 0.943].
    const ci = wilsonInterval(8, 10);
    expect(ci?.low).toBeCloseTo(0.4902, 4);
    expect(ci?.high).toBeCloseTo(0.9433, 4);
    expect(wilsonInterval(0, 5)?.low).toBe(0);
    expect(wilsonInterval(5, 5)?.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(passRate([true, false, true, true])).toMatchObject({ n: 4, passes: 3, rate: 0.75 });
  });

  it("flip rate counts (agent, task) pairs with two or more trials whose outcomes differ", () => {
    const run = (agentId: string, taskId: string, passed: boolean) => ({ agentId, taskId, passed });
    const r = flipRate([
      run("a", "t1", true),
      run("a", "t1", false), // flips
      run("a", "t2", true),
      run("a", "t2", true), // stable
      run("a", "t3", false), // one trial: not eligible
      run("b", "t1", true),
      run("b", "t1", true),
      run("b", "t1", false), // flips
    ]);
    expect(r).toEqual({ rate: 2 / 3, flipped: 2, eligible: 3 });
    expect(flipRate([run("a", "t", true)]).rate).toBeNull();
  });

  it("paired comparison over the tasks both ran, with per-task means", () => {
    const a = [
      { taskId: "t1", value: 0.9 },
      { taskId: "t1", value: 0.7 }, // mean 0.8
      { taskId: "t2", value: 0.6 },
      { taskId: "t3", value: 0.5 },
      { taskId: "only-a", value: 1 },
    ];
    const b = [
      { taskId: "t1", value: 0.6 },
      { taskId: "t2", value: 0.6 },
      { taskId: "t3", value: 0.7 },
      { taskId: "only-b", value: 0 },
    ];
    const r = pairedComparison(a, b);
    expect(r.tasks.map((t) => t.taskId)).toEqual(["t1", "t2", "t3"]);
    expect(r.tasks.map((t) => t.diff)).toEqual([expect.closeTo(0.2, 12), 0, expect.closeTo(-0.2, 12)]);
    expect(r).toMatchObject({ n: 3, wins: 1, losses: 1, ties: 1 });
    expect(r.mean).toBeCloseTo(0, 12);
    const half = tQuantile(0.975, 2) * (0.2 / Math.sqrt(3));
    expect(r.ci95?.high).toBeCloseTo(half, 9);
  });
});
