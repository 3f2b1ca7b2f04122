import "server-only";
import { createCallerFactory, router } from "./init";
import { healthRouter } from "./routers/health/router";
import { jobsRouter } from "./routers/jobs/router";
import { queuesRouter } from "./routers/queues/router";
import { workersRouter } from "./routers/workers/router";

export const appRouter = router({
  jobs: jobsRouter,
  queues: queuesRouter,
  workers: workersRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (RSC, REST shim, tests): `createCaller(createInnerTRPCContext({ caller }))`. */
export const createCaller = createCallerFactory(appRouter);
