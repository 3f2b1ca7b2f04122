import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { filterInput, filterValuesFrom, validateFilters } from "@/components/leaderboard/filter-values";
import { LeaderboardView } from "@/components/leaderboard/leaderboard-view";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Leaderboard" };
export const dynamic = "force-dynamic";

export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = filterValuesFrom(await searchParams);
  const queryClient = getQueryClient();
  const prefetches = [queryClient.prefetchQuery(trpc.agents.list.queryOptions())];
  if (Object.keys(validateFilters(filters)).length === 0) prefetches.push(queryClient.prefetchQuery(trpc.leaderboard.get.queryOptions(filterInput(filters))));
  await Promise.all(prefetches);
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Leaderboard" />
        <LeaderboardView initialFilters={filters} />
      </div>
    </HydrationBoundary>
  );
}
