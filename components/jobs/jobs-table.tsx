"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { JobRow } from "./job-row";
import { listInput, nextCursorOf, type TJobFilters } from "./list-input";

const HEADERS = ["Job", "Status", "Type", "Queue", "Progress", "Attempt", "Created", "Finished", "Actions"];

/** Polls every second (all loaded pages, re-walking the cursors), so status and progress move without a reload. */
export function JobsTable({ filters }: { filters: TJobFilters }) {
  const trpc = useTRPC();
  const deferredFilters = useDeferredValue(filters); // typing in Search must not fire a request per keystroke render
  const query = useInfiniteQuery(
    trpc.jobs.list.infiniteQueryOptions(listInput(deferredFilters), {
      getNextPageParam: nextCursorOf,
      refetchInterval: 1000,
      placeholderData: keepPreviousData,
    }),
  );

  if (query.isPending) return <LoadingMessage>Loading jobs…</LoadingMessage>;
  if (query.isError && !query.data) {
    return <ErrorMessage title="Could not load jobs" message={query.error.message} onRetry={() => void query.refetch()} />;
  }
  const jobs = query.data.pages.flatMap((page) => page.items);

  return (
    <div className="flex flex-col gap-3">
      {query.isError ? <ErrorMessage title="Live updates failing" message={query.error.message} /> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Jobs, newest first</caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
            <tr>
              {HEADERS.map((h) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${h === "Actions" ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </tbody>
        </table>
      </div>
      {jobs.length === 0 ? <EmptyMessage>No jobs match these filters yet. Submit one above.</EmptyMessage> : null}
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
