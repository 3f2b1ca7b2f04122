import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSessionPlan } from "@/server/evaluation/questions/build-session-plan";
import { prepareSource } from "@/server/evaluation/source/prepare-source";
import { makeRepo } from "@/server/evaluation/test-support/make-repo";
import type { TDimension, TSessionPlan } from "@/server/evaluation/model";
import { parseAgentsConfig, type TBuiltinAgentId } from "../agents-config";
import { getAdapter } from "../registry";
import { PROJECT_ROOT } from "./installed";
import type { TAgentLogLine, TAgentTurnResult } from "../types";

// Drives one real CLI through an evaluation-shaped session against a model simulator, without the database:
// the test repository's change, a small session plan, the phases in order. Used to record the golden fixtures
// (record-fixtures.ts) and by the adapter tests that run the real CLIs.

export type TDrivenTurn = { phase: string; prompt: string; result: TAgentTurnResult; lines: TAgentLogLine[] };

export type TDriveOptions = {
  cli: TBuiltinAgentId;
  baseUrl: string;
  seed?: number;
  contextTokenLimit?: number;
  dimensions?: TDimension[];
  /** Deep-dive prompts at most (the session stops the deep-dive at the first compression after the correction). */
  maxTurns?: number;
  /** Extra agent settings, e.g. a model name. */
  model?: string;
  turnTimeoutMs?: number;
  /** Kept for inspection when set; otherwise a temporary folder removed at the end. */
  workDir?: string;
};

export type TDriveResult = { turns: TDrivenTurn[]; runDir: string; repoDir: string; plan: TSessionPlan; cleanup(): Promise<void> };

export async function prepareDrivePlan(options: { seed: number; dimensions?: TDimension[]; maxTurns: number; workDir: string }) {
  const repo = await makeRepo({ dir: path.join(options.workDir, "source") });
  const repoDir = path.join(options.workDir, "repo");
  const source = { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef };
  const { facts, diffs } = await prepareSource({ source, repoDir, maxFiles: 2 });
  const plan = buildSessionPlan({ facts, diffs, seed: options.seed, dimensions: options.dimensions, openQuestionsPerDimension: 0, maxTurns: options.maxTurns });
  return { plan, repoDir };
}

export async function driveSession(options: TDriveOptions): Promise<TDriveResult> {
  const workDir = options.workDir ?? (await mkdtemp(path.join(os.tmpdir(), `mb-drive-${options.cli}-`)));
  await mkdir(workDir, { recursive: true });
  const seed = options.seed ?? 7;
  const { plan, repoDir } = await prepareDrivePlan({ seed, dimensions: options.dimensions, maxTurns: options.maxTurns ?? 3, workDir });
  const empty = path.join(workDir, "empty");
  await mkdir(empty, { recursive: true });
  const config = parseAgentsConfig({
    projectRoot: PROJECT_ROOT,
    [options.cli]: { baseUrl: options.baseUrl, apiKey: "sim-key", ...(options.model && { model: options.model }) },
  });
  const runDir = path.join(workDir, "agent");
  const lines: TAgentLogLine[] = [];
  const session = await (await getAdapter(config, options.cli)).openSession({
    runDir,
    seed,
    contextTokenLimit: options.contextTokenLimit ?? 100_000,
    onLine: (line) => lines.push(line),
  });
  const turns: TDrivenTurn[] = [];
  const signal = new AbortController().signal;
  const turn = async (phase: string, prompt: string, cwd: string) => {
    lines.length = 0;
    const result = await session.turn(prompt, { cwd, signal, timeoutMs: options.turnTimeoutMs ?? 120_000 });
    turns.push({ phase, prompt, result, lines: [...lines] });
    if (result.isError) throw new Error(`${options.cli} failed on turn ${turns.length} (${phase}): ${result.error}`);
    return result;
  };
  try {
    for (const prompt of plan.preCompression) await turn("pre-compression", prompt, repoDir);
    for (const question of plan.questions) await turn("baseline", question.prompt, repoDir);
    for (const [i, prompt] of plan.deepDive.entries()) {
      const result = await turn("deep-dive", prompt, repoDir);
      if (i >= plan.correctionTurn && result.compressions.length > 0) break;
    }
    await turn("memory-only", plan.memoryOnly, empty);
    for (const question of plan.questions) await turn("evaluation", question.prompt, empty);
  } finally {
    await session.dispose();
  }
  return { turns, runDir, repoDir, plan, cleanup: () => (options.workDir ? Promise.resolve() : rm(workDir, { recursive: true, force: true })) };
}
