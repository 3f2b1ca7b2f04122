import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { QueuesPanel } from "@/components/queues/queues-panel";
import { ThroughputPanel } from "@/components/queues/throughput-panel-lazy";
import { WorkersPanel } from "@/components/queues/workers-panel";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Queues and workers" };
export const dynamic = "force-dynamic";

export default async function QueuesPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.queues.list.queryOptions()),
    queryClient.prefetchQuery(trpc.workers.list.queryOptions()),
    queryClient.prefetchQuery(trpc.dashboard.throughput.queryOptions({ range: "1h" })),
  ]);
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Queues and workers" />
        <QueuesPanel />
        <ThroughputPanel byQueue />
        <WorkersPanel />
      </div>
    </HydrationBoundary>
  );
}
