import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { JobForm } from "@/components/jobs/job-form";
import { JOB_STATUS_LIST } from "@/components/jobs/job-statuses";
import { JobsView } from "@/components/jobs/jobs-view";
import { jobFiltersFrom, listInput, nextCursorOf } from "@/components/jobs/list-input";
import { QueuesPanel } from "@/components/queues/queues-panel";
import { QUEUE_NAMES } from "@/server/jobs/queues";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Jobs" };
// Live data per request (and it reads the request's identity): never prerendered.
export const dynamic = "force-dynamic";

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = jobFiltersFrom(await searchParams, JOB_STATUS_LIST, QUEUE_NAMES);
  const queryClient = getQueryClient();
  // Awaited, not streamed: these are small indexed queries, and the first paint then shows real rows.
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.jobs.list.infiniteQueryOptions(listInput(filters), { getNextPageParam: nextCursorOf })),
    queryClient.prefetchQuery(trpc.jobs.listTypes.queryOptions()),
    queryClient.prefetchQuery(trpc.queues.list.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Jobs" />
        <div className="grid gap-6 lg:grid-cols-5">
          <div className="lg:col-span-2">
            <JobForm />
          </div>
          <div className="lg:col-span-3">
            <QueuesPanel />
          </div>
        </div>
        <JobsView initialFilters={filters} />
      </div>
    </HydrationBoundary>
  );
}
