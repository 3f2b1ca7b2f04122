import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { JobDetail } from "@/components/jobs/job-detail";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Job" };
export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await getQueryClient().prefetchQuery(trpc.jobs.get.queryOptions({ id }));
  return (
    <HydrationBoundary state={dehydrated()}>
      <JobDetail id={id} />
    </HydrationBoundary>
  );
}
