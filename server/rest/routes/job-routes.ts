import { ZJobIdInput, ZListJobsInput, ZSubmitJobInput } from "@/server/jobs/schema";
import { ZCancelJobOutput } from "@/server/trpc/routers/jobs/cancel-job.schema";
import { ZGetJobOutput } from "@/server/trpc/routers/jobs/get-job.schema";
import { ZListJobTypesOutput } from "@/server/trpc/routers/jobs/list-job-types.schema";
import { ZListJobsOutput } from "@/server/trpc/routers/jobs/list-jobs.schema";
import { ZRetryJobOutput } from "@/server/trpc/routers/jobs/retry-job.schema";
import { ZSubmitJobOutput } from "@/server/trpc/routers/jobs/submit-job.schema";
import { defineRoute } from "../define-route";
import { ZJobTypePathParams } from "../schemas";

const tag = "Jobs";
const JOB = "/api/v1/jobs/{id}";

export const JOB_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/api/v1/jobs",
    operationId: "listJobs",
    summary: "List jobs, newest first",
    description: "`status` takes a comma-separated list. Follow `nextCursor` (or the Link header) for the next page.",
    tag,
    query: ZListJobsInput,
    paginated: true,
    response: { status: 200, description: "One page of jobs", schema: ZListJobsOutput },
    errors: [403],
    handle: ({ query }, { api }) => api.jobs.list(query),
  }),
  defineRoute({
    method: "POST",
    path: JOB,
    operationId: "submitJob",
    summary: "Submit a job of type {id}",
    description:
      "Here the path segment is the job **type** (GET /api/v1/job-types lists them with their params schema), e.g. POST /api/v1/jobs/system.sleep. " +
      "Scheduled maintenance types are admin-only; pipeline-internal types cannot be started by hand.",
    tag,
    params: ZJobTypePathParams,
    body: ZSubmitJobInput.omit({ type: true }),
    paramsExample: { id: "system.sleep" },
    bodyExample: { params: { seconds: 1 }, priority: 5 },
    response: { status: 201, description: "Queued; Location points at the job", schema: ZSubmitJobOutput },
    location: ({ id }) => `/api/v1/jobs/${id}`,
    errors: [403],
    handle: ({ params, body }, { api }) => api.jobs.submit({ ...body, type: params.id as never }),
  }),
  defineRoute({
    method: "GET",
    path: JOB,
    operationId: "getJob",
    summary: "A job with its params, result, error and attempts",
    tag,
    params: ZJobIdInput,
    response: { status: 200, description: "The job", schema: ZGetJobOutput },
    errors: [404],
    handle: ({ params }, { api }) => api.jobs.get(params),
  }),
  defineRoute({
    method: "DELETE",
    path: JOB,
    operationId: "cancelJob",
    summary: "Cancel a queued or running job (a running handler is aborted)",
    description: "Members cancel their own jobs, admins any job of the org. 409 when the job is already finished.",
    tag,
    params: ZJobIdInput,
    response: { status: 200, description: "Cancelled", schema: ZCancelJobOutput },
    errors: [403, 404, 409],
    handle: ({ params }, { api }) => api.jobs.cancel(params),
  }),
  defineRoute({
    method: "POST",
    path: `${JOB}/retry`,
    operationId: "retryJob",
    summary: "Queue a failed or cancelled job again",
    description: "409 when the job is queued, running or completed.",
    tag,
    params: ZJobIdInput,
    response: { status: 200, description: "Queued again", schema: ZRetryJobOutput },
    errors: [403, 404, 409],
    handle: ({ params }, { api }) => api.jobs.retry(params),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/job-types",
    operationId: "listJobTypes",
    summary: "Job types: queue, priority, retry policy, JSON Schema of the params, whether you may submit it",
    tag,
    response: { status: 200, description: "Every job type", schema: ZListJobTypesOutput },
    errors: [403],
    handle: (_input, { api }) => api.jobs.listTypes(),
  }),
];
