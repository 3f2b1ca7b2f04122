import "server-only";
import { router } from "../../init";
import { bulkJobsProcedure } from "./bulk-jobs";
import { getJobErrorProcedure } from "./get-job-error";
import { getOverviewProcedure } from "./get-overview";
import { getThroughputProcedure } from "./get-throughput";

export const dashboardRouter = router({
  overview: getOverviewProcedure,
  throughput: getThroughputProcedure,
  bulkJobs: bulkJobsProcedure,
  jobError: getJobErrorProcedure,
});
