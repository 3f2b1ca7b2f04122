import { pipelineDeps } from "@/server/evaluation/pipeline/pipeline-deps";
import { prepareTask } from "@/server/evaluation/pipeline/prepare-task";
import { defineHandler } from "../handler-context";

export default defineHandler(async (params: { taskId: string }, ctx) => prepareTask(params.taskId, pipelineDeps(), ctx.signal));
