import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader, PrimaryLink } from "@/components/layout/page-header";
import { nextCursorOf } from "@/components/jobs/list-input";
import { taskFiltersFrom, taskListInput } from "@/components/tasks/list-input";
import { TASK_STATUS_LIST } from "@/components/tasks/task-statuses";
import { TasksView } from "@/components/tasks/tasks-view";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Tasks" };
export const dynamic = "force-dynamic";

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = taskFiltersFrom(await searchParams, TASK_STATUS_LIST);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.tasks.list.infiniteQueryOptions(taskListInput(filters), { getNextPageParam: nextCursorOf })),
    queryClient.prefetchQuery(trpc.agents.list.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Tasks" action={<PrimaryLink href="/tasks/new">New task</PrimaryLink>} />
        <TasksView initialFilters={filters} />
      </div>
    </HydrationBoundary>
  );
}
