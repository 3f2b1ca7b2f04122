import "server-only";
import { createCallerFactory, router } from "./init";
import { agentsRouter } from "./routers/agents/router";
import { dashboardRouter } from "./routers/dashboard/router";
import { healthRouter } from "./routers/health/router";
import { jobsRouter } from "./routers/jobs/router";
import { leaderboardRouter } from "./routers/leaderboard/router";
import { queuesRouter } from "./routers/queues/router";
import { runsRouter } from "./routers/runs/router";
import { tasksRouter } from "./routers/tasks/router";
import { workersRouter } from "./routers/workers/router";

export const appRouter = router({
  jobs: jobsRouter,
  queues: queuesRouter,
  workers: workersRouter,
  health: healthRouter,
  tasks: tasksRouter,
  runs: runsRouter,
  leaderboard: leaderboardRouter,
  agents: agentsRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (RSC, REST shim, tests): `createCaller(createInnerTRPCContext({ caller }))`. */
export const createCaller = createCallerFactory(appRouter);
