import "server-only";
import { readFile } from "node:fs/promises";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { taskPaths } from "../storage-paths";
import { toRunView } from "./run-view";

/** One run with its answers side by side (baseline vs evaluation) and its transcript turns. */
export async function getRun(orgId: string, runId: string, storageDir: string) {
  const run = await db().agentRun.findFirst({
    where: { id: runId, orgId },
    include: { answers: { orderBy: [{ questionKey: "asc" }, { phase: "asc" }] }, compressions: { orderBy: { turn: "asc" } } },
  });
  if (!run) throw new AppError("NOT_FOUND", "run not found");
  return { ...toRunView(run), transcript: await readTranscript(taskPaths(storageDir, run.taskId).run(run.id).transcript) };
}

async function readTranscript(file: string): Promise<unknown[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
}
