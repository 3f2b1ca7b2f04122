import "server-only";
import { AppError } from "@/server/errors";
import { findJobType } from "@/server/jobs/catalog";
import { submitJob } from "@/server/jobs/submit-job";
import { logger } from "@/server/logger";
import { memberProcedure } from "../../init";
import { canSubmitType } from "./job-permissions";
import { ZSubmitJobInput, ZSubmitJobOutput } from "./submit-job.schema";

export const submitJobProcedure = memberProcedure
  .input(ZSubmitJobInput)
  .output(ZSubmitJobOutput)
  .mutation(async ({ ctx: { caller, requestId }, input }) => {
    const type = findJobType(input.type);
    if (type && !canSubmitType(caller, type)) {
      const why = type.internal ? `${type.name} is started by the evaluation pipeline, not by hand` : `only admins may start ${type.name}`;
      throw new AppError("FORBIDDEN", why, "type");
    }
    const job = await submitJob(caller, input);
    logger.info({ requestId, jobId: job.id, type: input.type, userId: caller.userId, orgId: caller.orgId }, "job submitted");
    return job;
  });
