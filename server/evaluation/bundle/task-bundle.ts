import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { taskPaths } from "../storage-paths";
import { writeTaskBundle } from "./write-bundle";
import { evaluationJsonl } from "./evaluation-jsonl";

/** The ZIP bundle of one task of the caller's org, streamed: task.json, questions, scores, transcripts, logs. */
export async function openTaskBundle(orgId: string, taskId: string, storageDir: string): Promise<{ stream: Readable; filename: string }> {
  const task = await db().task.findFirst({
    where: { id: taskId, orgId },
    include: { runs: { include: { answers: true, compressions: true }, orderBy: [{ agentId: "asc" }, { trial: "asc" }] }, questions: { orderBy: { position: "asc" } } },
  });
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  const paths = taskPaths(storageDir, task.id);
  const { runs, questions, logSeq, ...taskFields } = task;
  const logs = await db().taskLog.findMany({ where: { taskId, runId: { not: null } }, orderBy: { seq: "asc" }, select: { runId: true, at: true, level: true, message: true } });
  const logOf = (runId: string) =>
    logs.filter((l) => l.runId === runId).map((l) => `${l.at.toISOString()} ${l.level.toUpperCase().padEnd(5)} ${l.message}\n`).join("");
  const kept = await Promise.all(runs.map((r) => keptFiles(path.join(paths.run(r.id).home, "keep"))));
  const stream = writeTaskBundle({
    task: { ...taskFields, logSeq: logSeq.toString() },
    questions,
    runs: runs.map((r) => ({
      agentId: r.agentId,
      trial: r.trial,
      transcriptPath: paths.run(r.id).transcript,
      logText: logOf(r.id),
      extraFiles: kept[runs.indexOf(r)],
      scores: { status: r.status, overall: r.overall, passed: r.passed, dimensions: r.scores, breaking: r.breaking, scoringError: r.scoringError, errorMessage: r.errorMessage, compressions: r.compressions },
    })),
    taskLogPath: paths.taskLog,
    evaluationJsonl: evaluationJsonl(runs, questions),
  });
  return { stream, filename: `memory-break-task-${task.id}.zip` };
}

/** What the agent's private home kept for the bundle (session files, telemetry, the model simulator's log). */
async function keptFiles(keepDir: string): Promise<{ name: string; path: string }[]> {
  const entries = await readdir(keepDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath ?? e.path, e.name);
      return { name: `agent/${path.relative(keepDir, full)}`, path: full };
    });
}
