import "server-only";
import { db } from "@/server/db/client";
import { RUN_STATUSES, TASK_STATUSES, type TRunStatus, type TTaskStatus } from "@/server/evaluation/tasks/task-schema";
import { JOB_STATUSES, type TJobStatus } from "@/server/jobs/schema";

export type TOverview = {
  tasks: Record<TTaskStatus, number>;
  runs: Record<TRunStatus, number>;
  jobs: Record<TJobStatus, number>;
};

/** Counts by status of the org's tasks, agent runs and jobs (three grouped, indexed counts). */
export async function getOverview(orgId: string): Promise<TOverview> {
  const [tasks, runs, jobs] = await Promise.all([
    db().task.groupBy({ by: ["status"], where: { orgId }, _count: { _all: true } }),
    db().agentRun.groupBy({ by: ["status"], where: { orgId }, _count: { _all: true } }),
    db().job.groupBy({ by: ["status"], where: { orgId }, _count: { _all: true } }),
  ]);
  return { tasks: countsOf(TASK_STATUSES, tasks), runs: countsOf(RUN_STATUSES, runs), jobs: countsOf(JOB_STATUSES, jobs) };
}

function countsOf<S extends string>(statuses: readonly S[], groups: { status: string; _count: { _all: number } }[]): Record<S, number> {
  return Object.fromEntries(statuses.map((s) => [s, groups.find((g) => g.status === s)?._count._all ?? 0])) as Record<S, number>;
}
