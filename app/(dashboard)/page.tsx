import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader, PrimaryLink } from "@/components/layout/page-header";
import { nextCursorOf } from "@/components/jobs/list-input";
import { RECENT_TASKS, RecentTasks } from "@/components/overview/recent-tasks";
import { StatusOverview } from "@/components/overview/status-overview";
import { ThroughputPanel } from "@/components/queues/throughput-panel-lazy";
import { DEFAULT_TASK_FILTERS, taskListInput } from "@/components/tasks/list-input";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.dashboard.overview.queryOptions()),
    queryClient.prefetchQuery(trpc.dashboard.throughput.queryOptions({ range: "1h" })),
    queryClient.prefetchInfiniteQuery(trpc.tasks.list.infiniteQueryOptions(taskListInput(DEFAULT_TASK_FILTERS, RECENT_TASKS), { getNextPageParam: nextCursorOf })),
    queryClient.prefetchQuery(trpc.agents.list.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Overview" action={<PrimaryLink href="/tasks/new">New task</PrimaryLink>} />
        <StatusOverview />
        <ThroughputPanel />
        <RecentTasks />
      </div>
    </HydrationBoundary>
  );
}
