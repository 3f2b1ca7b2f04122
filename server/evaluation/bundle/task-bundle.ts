import "server-only";
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
  const stream = writeTaskBundle({
    task: { ...taskFields, logSeq: logSeq.toString() },
    questions,
    runs: runs.map((r) => ({
      agentId: r.agentId,
      trial: r.trial,
      transcriptPath: paths.run(r.id).transcript,
      scores: { status: r.status, overall: r.overall, passed: r.passed, dimensions: r.scores, breaking: r.breaking, scoringError: r.scoringError, errorMessage: r.errorMessage, compressions: r.compressions },
    })),
    taskLogPath: paths.taskLog,
    evaluationJsonl: evaluationJsonl(runs, questions),
  });
  return { stream, filename: `memory-break-task-${task.id}.zip` };
}
