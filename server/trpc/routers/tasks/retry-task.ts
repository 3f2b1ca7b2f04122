import "server-only";
import { retryTask } from "@/server/evaluation/tasks/retry-task";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZRetryTaskInput, ZRetryTaskOutput } from "./retry-task.schema";

export const retryTaskProcedure = memberProcedure
  .input(ZRetryTaskInput)
  .output(ZRetryTaskOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, taskId: input.id, agents: input.agents, userId: caller.userId, orgId: caller.orgId }, "retry task");
    return retryTask(caller, input.id, input.agents);
  });
