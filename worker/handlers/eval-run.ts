import { pipelineDeps } from "@/server/evaluation/pipeline/pipeline-deps";
import { runAgent } from "@/server/evaluation/pipeline/run-agent";
import { defineHandler } from "../handler-context";
import { isLastAttempt } from "./eval-attempts";

export default defineHandler(async (params: { taskId: string; runId: string }, ctx) =>
  runAgent(params, pipelineDeps(), ctx.signal, await isLastAttempt(ctx)),
);
