import "server-only";
import { retryJob } from "@/server/jobs/retry-jobs";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZRetryJobInput, ZRetryJobOutput } from "./retry-job.schema";

export const retryJobProcedure = memberProcedure
  .input(ZRetryJobInput)
  .output(ZRetryJobOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    logger.info({ requestId, jobId: input.id, userId: caller.userId, orgId: caller.orgId }, "retry job");
    return retryJob(caller, input.id);
  });
