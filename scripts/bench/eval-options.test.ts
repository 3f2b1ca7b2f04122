import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRunTiming, type TRunRow } from "./eval-cli-stats";
import { parseEvalOptions } from "./eval-options";

describe("bench:eval options", () => {
  it("runs both parts by default, each alone on request", () => {
    expect(parseEvalOptions([], {})).toEqual({ sim: true, clis: { clis: ["claude", "gemini", "qwen"], scaleCli: "claude", scaleNs: [1, 2, 3, 4], trials: 1 } });
    expect(parseEvalOptions(["--no-clis"], {})).toEqual({ sim: true, clis: undefined });
    expect(parseEvalOptions([], { BENCH_EVAL_CLIS: "none" }).clis).toBeUndefined();
    expect(parseEvalOptions(["--clis-only"], {}).sim).toBe(false);
  });

  it("picks CLIs, the sweep and its CLI; N=1 is always the reference", () => {
    expect(parseEvalOptions(["--clis=qwen", "--scale=4,2"], {}).clis).toEqual({ clis: ["qwen"], scaleCli: "qwen", scaleNs: [1, 2, 4], trials: 1 });
    expect(parseEvalOptions([], { BENCH_EVAL_CLIS: "gemini", BENCH_EVAL_CLI_SCALE_AGENT: "claude", BENCH_EVAL_CLI_SCALE: "none" }).clis).toEqual({
      clis: ["gemini"],
      scaleCli: "claude",
      scaleNs: [],
      trials: 1,
    });
  });

  it("refuses unknown flags and an empty selection", () => {
    expect(() => parseEvalOptions(["--bogus"], {})).toThrow(/unknown flag --bogus/);
    expect(() => parseEvalOptions(["--no-sim", "--no-clis"], {})).toThrow(/nothing to run/);
    expect(() => parseEvalOptions(["--scale=11"], {})).toThrow(/--scale/);
  });
});

describe("run timing from the transcript", () => {
  it("splits the run into time inside the CLI and the gaps between turns", async () => {
    const storage = await mkdtemp(path.join(tmpdir(), "mb-eval-timing-"));
    const taskId = "00000000-0000-4000-8000-000000000001";
    const run: TRunRow = {
      id: "00000000-0000-4000-8000-000000000002",
      agentId: "claude",
      trial: 1,
      status: "completed",
      startedAt: new Date("2026-01-01T00:00:00.000Z"),
      durationMs: 2600,
      agentMs: 2000,
      turns: 2,
      errorMessage: null,
      compressions: 1,
    };
    const dir = path.join(storage, taskId, "runs", run.id);
    await mkdir(dir, { recursive: true });
    const line = (turn: number, at: string, durationMs: number) => JSON.stringify({ at, turn, durationMs, phase: "deep-dive" });
    await writeFile(path.join(dir, "transcript.jsonl"), `${line(2, "2026-01-01T00:00:02.500Z", 1200)}\n${line(1, "2026-01-01T00:00:01.100Z", 800)}\n`);
    const memory = [
      { runId: run.id, peakTreeRssKb: 300 * 1024, maxHwmKb: 250 * 1024, processes: 2 },
      { runId: run.id, peakTreeRssKb: 310 * 1024, maxHwmKb: 240 * 1024, processes: 1 },
      { runId: "other", peakTreeRssKb: 900 * 1024, maxHwmKb: 900 * 1024, processes: 1 },
    ];
    try {
      const timing = await readRunTiming(storage, taskId, run, memory);
      expect(timing.turnMs).toEqual([800, 1200]);
      expect(timing.gapMs).toEqual([300, 200]); // 1100 - 800; (2500 - 1100) - 1200
      expect(timing.overheadMs).toBe(600);
      expect(timing).toMatchObject({ peakTreeRssKb: 310 * 1024, peakHwmKb: 250 * 1024, sampledTurns: 2 });
    } finally {
      await rm(storage, { recursive: true, force: true });
    }
  });
});
