import "server-only";
import { listAgents } from "@/server/agents/registry";
import { agentsConfig } from "@/server/config/env";
import { createTask } from "@/server/evaluation/tasks/create-task";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZCreateTaskInput, ZCreateTaskOutput } from "./create-task.schema";

export const createTaskProcedure = memberProcedure
  .input(ZCreateTaskInput)
  .output(ZCreateTaskOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    const task = await createTask(caller, input, await listAgents(agentsConfig()));
    logger.info({ requestId, taskId: task.id, agents: input.agents, userId: caller.userId, orgId: caller.orgId }, "task created");
    return task;
  });
