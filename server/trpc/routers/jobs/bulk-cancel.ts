import "server-only";
import { cancelJobs } from "@/server/jobs/cancel-jobs";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZBulkCancelInput, ZBulkCancelOutput } from "./bulk-cancel.schema";

export const bulkCancelProcedure = memberProcedure
  .input(ZBulkCancelInput)
  .output(ZBulkCancelOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    const result = await cancelJobs(caller, input.ids);
    logger.info({ requestId, asked: input.ids.length, cancelled: result.cancelled.length, userId: caller.userId, orgId: caller.orgId }, "bulk cancel");
    return result;
  });
