import "server-only";
import { router } from "../../init";
import { bulkCancelProcedure } from "./bulk-cancel";
import { bulkRetryProcedure } from "./bulk-retry";
import { cancelJobProcedure } from "./cancel-job";
import { getJobProcedure } from "./get-job";
import { listJobTypesProcedure } from "./list-job-types";
import { listJobsProcedure } from "./list-jobs";
import { retryJobProcedure } from "./retry-job";
import { submitJobProcedure } from "./submit-job";

export const jobsRouter = router({
  submit: submitJobProcedure,
  list: listJobsProcedure,
  get: getJobProcedure,
  cancel: cancelJobProcedure,
  retry: retryJobProcedure,
  bulkCancel: bulkCancelProcedure,
  bulkRetry: bulkRetryProcedure,
  listTypes: listJobTypesProcedure,
});
