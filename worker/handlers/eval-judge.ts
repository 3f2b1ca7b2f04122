import { judgeRun } from "@/server/evaluation/pipeline/judge-run";
import { pipelineDeps } from "@/server/evaluation/pipeline/pipeline-deps";
import { defineHandler } from "../handler-context";
import { isLastAttempt } from "./eval-attempts";

export default defineHandler(async (params: { taskId: string; runId: string }, ctx) =>
  judgeRun(params, pipelineDeps(), ctx.signal, await isLastAttempt(ctx)),
);
