import "server-only";
import { cancelTask } from "@/server/evaluation/tasks/cancel-task";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZCancelTaskInput, ZCancelTaskOutput } from "./cancel-task.schema";

export const cancelTaskProcedure = memberProcedure
  .input(ZCancelTaskInput)
  .output(ZCancelTaskOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, taskId: input.id, userId: caller.userId, orgId: caller.orgId }, "cancel task");
    return cancelTask(caller, input.id);
  });
