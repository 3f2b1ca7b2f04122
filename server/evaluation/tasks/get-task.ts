import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TChangeFacts } from "../model";
import { toRunView } from "./run-view";

/** One task with its runs (scores, phases, compressions) and question set; another org's task is NOT_FOUND. */
export async function getTask(orgId: string, taskId: string) {
  const task = await db().task.findFirst({
    where: { id: taskId, orgId },
    include: {
      runs: { orderBy: [{ agentId: "asc" }, { trial: "asc" }], include: { compressions: { orderBy: { turn: "asc" } } } },
      questions: { orderBy: { position: "asc" } },
    },
  });
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  const { logSeq, plan: _plan, ...rest } = task;
  return {
    ...rest,
    logSeq: logSeq.toString(),
    facts: task.facts as TChangeFacts | null,
    thresholds: task.thresholds as Record<string, number>,
    runs: task.runs.map(toRunView),
    questions: task.questions.map((q) => ({ key: q.key, dimension: q.dimension, kind: q.kind, prompt: q.prompt, groundTruth: q.groundTruth, relevantFiles: q.relevantFiles })),
  };
}
export type TTaskDetail = Awaited<ReturnType<typeof getTask>>;
