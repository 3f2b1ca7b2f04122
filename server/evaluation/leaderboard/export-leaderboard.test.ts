import { describe, expect, it } from "vitest";
import { buildLeaderboard, type TLeaderboardRow } from "./build-leaderboard";
import { compareAgents } from "./compare-agents";
import { csvCell, toCsvTable } from "./csv";
import { comparisonToCsv, toCsv, toJson } from "./export-leaderboard";

const row = (agentId: string, taskId: string, overall: number): TLeaderboardRow => ({
  taskId,
  agentId,
  trial: 1,
  overall,
  dimensions: { AR: overall },
  passed: overall >= 0.7,
  durationMs: 2000,
  tokens: 1234,
  costUsd: 0.1 + 0.2,
  compressions: 2,
  repository: "r",
  teamId: null,
  finishedAt: new Date("2025-01-01T00:00:00Z"),
});

describe("csv", () => {
  it("quotes per RFC 4180", () => {
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(0.1 + 0.2)).toBe("0.3");
    expect(toCsvTable(["a", "b"], [[1, "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("defuses formula injection in text cells but keeps negative numbers", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell(-0.25)).toBe("-0.25");
  });
});

describe("leaderboard exports", () => {
  const rows = [row("=cmd|' /C calc'!A0", "t1", 0.9), row("=cmd|' /C calc'!A0", "t2", 0.7), row("b", "t1", 0.5)];

  it("CSV has one row per entry with dimension columns and safe agent names", () => {
    const csv = toCsv(buildLeaderboard(rows));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^rank,agent,runs,tasks,overall_mean,overall_n,overall_ci_low,overall_ci_high,AR_mean,/);
    expect(lines[1]).toMatch(/^1,'=cmd\|' \/C calc'!A0,2,2,0\.8,2,/);
    expect(lines[2]).toMatch(/^2,b,1,1,0\.5,1,,,0\.5,1,,,/);
    expect(lines[1]?.split(",")).toHaveLength(lines[0]?.split(",").length ?? 0);
  });

  it("JSON round-trips the view model", () => {
    const board = buildLeaderboard(rows);
    expect(JSON.parse(toJson(board))).toEqual(JSON.parse(JSON.stringify(board)));
  });

  it("comparison CSV lists paired tasks and the mean difference", () => {
    const csv = comparisonToCsv(compareAgents(rows, "b", "=cmd|' /C calc'!A0"));
    expect(csv.split("\r\n").slice(0, 3)).toEqual([
      "task,agent_a,agent_b,overall_a,overall_b,overall_diff,AR_diff,TTL_diff,LRU_diff,SF_diff",
      "t1,b,'=cmd|' /C calc'!A0,0.5,0.9,-0.4,-0.4,,,",
      "(mean),b,'=cmd|' /C calc'!A0,,,-0.4,-0.4,,,",
    ]);
  });
});
