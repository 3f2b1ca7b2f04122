import { describe, expect, it } from "vitest";
import { buildLeaderboard, type TLeaderboardRow } from "./build-leaderboard";
import { compareAgents } from "./compare-agents";
import { ZLeaderboardFilter } from "./leaderboard-filter";

const row = (over: Partial<TLeaderboardRow>): TLeaderboardRow => ({
  taskId: "t1",
  agentId: "a",
  trial: 1,
  overall: 0.5,
  dimensions: { AR: 0.5, TTL: 0.5, LRU: null, SF: 0.5 },
  passed: false,
  durationMs: 1000,
  tokens: 100,
  costUsd: 0.01,
  compressions: 1,
  repository: "github.com/acme/app",
  teamId: "team-1",
  finishedAt: new Date("2025-03-10T12:00:00Z"),
  ...over,
});

const rows: TLeaderboardRow[] = [
  row({ agentId: "claude", overall: 0.9, passed: true, dimensions: { AR: 1, TTL: 0.8 } }),
  row({ agentId: "claude", trial: 2, overall: 0.7, passed: false, dimensions: { AR: 0.8, TTL: 0.6 } }),
  row({ agentId: "claude", taskId: "t2", overall: 0.8, passed: true, dimensions: { AR: 0.9 }, costUsd: null }),
  row({ agentId: "gemini", overall: 0.6, passed: false }),
  row({ agentId: "gemini", taskId: "t2", overall: 0.8, passed: true, repository: "github.com/acme/other", teamId: "team-2" }),
  row({ agentId: "sim", overall: 0.7, passed: true, finishedAt: new Date("2025-04-01T00:00:00Z") }),
];

describe("buildLeaderboard", () => {
  it("ranks agents by mean overall with per-dimension n and intervals", () => {
    const board = buildLeaderboard(rows);
    expect(board.runs).toBe(6);
    expect(board.tasks).toBe(2);
    // gemini and sim share mean 0.7 (up to float noise) and rank 2; sim passes more often, so it is listed first.
    expect(board.entries.map((e) => [e.rank, e.agentId])).toEqual([
      [1, "claude"],
      [2, "sim"],
      [2, "gemini"],
    ]);
    const claude = board.entries[0];
    expect(claude?.overall.n).toBe(3);
    expect(claude?.overall.mean).toBeCloseTo(0.8, 12);
    expect(claude?.overall.ci95).not.toBeNull();
    expect(claude?.dimensions.AR).toMatchObject({ n: 3, mean: 0.9 });
    expect(claude?.dimensions.TTL).toMatchObject({ n: 2, mean: 0.7 });
    expect(claude?.dimensions.LRU).toEqual({ n: 0, mean: null, sd: null, ci95: null });
    expect(claude?.passRate).toMatchObject({ n: 3, passes: 2 });
    expect(claude?.flipRate).toEqual({ rate: 1, flipped: 1, eligible: 1 });
    expect(claude?.meanCostUsd).toBeCloseTo(0.01, 12); // the unknown cost is left out, not counted as 0
    expect(claude?.tasks).toBe(2);
    expect(board.entries.find((e) => e.agentId === "sim")?.overall.ci95).toBeNull();
  });

  it("filters by repository, team, task and an inclusive date range", () => {
    const parse = (input: unknown) => ZLeaderboardFilter.parse(input);
    const agents = (input: unknown) => buildLeaderboard(rows, parse(input)).entries.map((e) => e.agentId).sort();
    expect(agents({ repository: "github.com/acme/other" })).toEqual(["gemini"]);
    expect(agents({ teamId: "team-1", taskId: "t2" })).toEqual(["claude"]);
    expect(agents({ from: "2025-03-11" })).toEqual(["sim"]);
    expect(agents({ to: "2025-03-10" })).toEqual(["claude", "gemini"]);
    expect(agents({ from: "2025-04-01", to: "2025-04-01" })).toEqual(["sim"]);
    expect(ZLeaderboardFilter.safeParse({ from: "2025-05-01", to: "2025-04-01" }).success).toBe(false);
    expect(ZLeaderboardFilter.safeParse({ colour: "red" }).success).toBe(false);
  });
});

describe("compareAgents", () => {
  it("pairs the tasks both agents ran", () => {
    const c = compareAgents(rows, "claude", "gemini");
    expect(c.overall.tasks).toEqual([
      { taskId: "t1", a: 0.8, b: 0.6, diff: expect.closeTo(0.2, 12) },
      { taskId: "t2", a: 0.8, b: 0.8, diff: 0 },
    ]);
    expect(c.overall).toMatchObject({ n: 2, wins: 1, ties: 1, losses: 0 });
    expect(c.dimensions.LRU.n).toBe(0);
    expect(c.dimensions.AR.n).toBe(2);
  });
});
