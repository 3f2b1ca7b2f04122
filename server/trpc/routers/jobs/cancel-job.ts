import "server-only";
import { cancelJob } from "@/server/jobs/cancel-jobs";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZCancelJobInput, ZCancelJobOutput } from "./cancel-job.schema";

// Ownership (members: own jobs only) and org scope are checked by the service.
export const cancelJobProcedure = memberProcedure
  .input(ZCancelJobInput)
  .output(ZCancelJobOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, jobId: input.id, userId: caller.userId, orgId: caller.orgId }, "cancel job");
    return cancelJob(caller, input.id);
  });
