import "server-only";
import { retryJobs } from "@/server/jobs/retry-jobs";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZBulkRetryInput, ZBulkRetryOutput } from "./bulk-retry.schema";

export const bulkRetryProcedure = memberProcedure
  .input(ZBulkRetryInput)
  .output(ZBulkRetryOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    const result = await retryJobs(caller, input.ids);
    logger.info({ requestId, asked: input.ids.length, retried: result.retried.length, userId: caller.userId, orgId: caller.orgId }, "bulk retry");
    return result;
  });
