import "server-only";
import { findJobs } from "@/server/jobs/find-jobs";
import { orgProcedure } from "../../init";
import { jobActions } from "./job-permissions";
import { ZListJobsOutput, ZListJobsRequest } from "./list-jobs.schema";

// Polled every second by the dashboard: no log line per call.
export const listJobsProcedure = orgProcedure
  .input(ZListJobsRequest)
  .output(ZListJobsOutput)
  .query(async ({ ctx: { caller, orgId }, input: { direction: _direction, ...filters } }) => {
    const page = await findJobs(orgId, filters);
    return { ...page, items: page.items.map((job) => ({ ...job, ...jobActions(caller, job) })) };
  });
