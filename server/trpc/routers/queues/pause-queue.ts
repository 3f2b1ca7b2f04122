import "server-only";
import { setQueuePaused } from "@/server/jobs/queue-control";
import { logger } from "@/server/logger";
import { adminProcedure } from "../../init";
import { ZPauseQueueInput, ZPauseQueueOutput } from "./pause-queue.schema";

// Queues are shared by every org, so only admins may stop one; workers stop fetching at once (NOTIFY).
export const pauseQueueProcedure = adminProcedure
  .input(ZPauseQueueInput)
  .output(ZPauseQueueOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, queue: input.name, userId: caller.userId, orgId: caller.orgId }, "pause queue");
    return setQueuePaused(input.name, true, caller.userId);
  });

export const resumeQueueProcedure = adminProcedure
  .input(ZPauseQueueInput)
  .output(ZPauseQueueOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, queue: input.name, userId: caller.userId, orgId: caller.orgId }, "resume queue");
    return setQueuePaused(input.name, false, caller.userId);
  });
