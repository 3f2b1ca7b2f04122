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
    if (type && !canSubmitType(caller, type)) throw new AppError("FORBIDDEN", `only admins may start ${type.name}`, "type");
    const job = await submitJob(caller, input);
    logger.info({ requestId, jobId: job.id, type: input.type, userId: caller.userId, orgId: caller.orgId }, "job submitted");
    return job;
  });
