import "server-only";
import { applyToMatchingJobs } from "@/server/dashboard/bulk-jobs";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { ZBulkJobsInput, ZBulkJobsOutput } from "./bulk-jobs.schema";

/** Cancel or retry everything matching the jobs list's current filters (not only the loaded page). */
export const bulkJobsProcedure = memberProcedure
  .input(ZBulkJobsInput)
  .output(ZBulkJobsOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    const result = await applyToMatchingJobs(caller, input.filter, input.action);
    logger.info(
      { requestId, action: input.action, filter: input.filter, matched: result.matched, affected: result.affected.length, userId: caller.userId, orgId: caller.orgId },
      "bulk jobs by filter",
    );
    return result;
  });
