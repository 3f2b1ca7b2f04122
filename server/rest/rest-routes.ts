import type { TRestRoute } from "./define-route";
import { JOB_ROUTES } from "./routes/job-routes";
import { OTHER_ROUTES } from "./routes/other-routes";
import { TASK_ROUTES } from "./routes/task-routes";

/** Every /api/v1 operation served by the REST shim, in the order the docs list them. */
export const REST_ROUTES: readonly TRestRoute[] = [...TASK_ROUTES, ...JOB_ROUTES, ...OTHER_ROUTES];
