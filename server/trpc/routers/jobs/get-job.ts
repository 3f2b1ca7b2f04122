import "server-only";
import { getJob } from "@/server/jobs/get-job";
import { orgProcedure } from "../../init";
import { ZGetJobInput, ZGetJobOutput } from "./get-job.schema";
import { jobActions } from "./job-permissions";

export const getJobProcedure = orgProcedure
  .input(ZGetJobInput)
  .output(ZGetJobOutput)
  .query(async ({ ctx: { caller, orgId }, input }) => {
    const job = await getJob(orgId, input.id);
    return { ...job, ...jobActions(caller, job) };
  });
