import { finishTask } from "@/server/evaluation/pipeline/finish-task";
import { pipelineDeps } from "@/server/evaluation/pipeline/pipeline-deps";
import { defineHandler } from "../handler-context";

export default defineHandler(async (params: { taskId: string }) => finishTask(params.taskId, pipelineDeps()));
