"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { DataTable, LoadMore } from "@/components/ui/table";
import { JobRow } from "./job-row";
import { listInput, nextCursorOf, type TJobFilters } from "./list-input";

const HEADERS = ["Job", "Status", "Type", "Queue", "Progress", "Attempt", "Created", "Finished", "Actions"];

type TSelection = { selected: ReadonlySet<string>; onSelect: (ids: string[], on: boolean) => void };

/** Polls every second (all loaded pages, re-walking the cursors), so status and progress move without a reload. */
export function JobsTable({ filters, selected, onSelect }: { filters: TJobFilters } & TSelection) {
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
  const allSelected = jobs.length > 0 && jobs.every((j) => selected.has(j.id));

  return (
    <div className="flex flex-col gap-3">
      {query.isError ? <ErrorMessage title="Live updates failing" message={query.error.message} /> : null}
      <DataTable
        caption="Jobs, newest first"
        headers={HEADERS}
        leading={
          <th scope="col" className="px-3 py-2">
            <input type="checkbox" className="size-4" aria-label="Select all shown jobs" checked={allSelected} disabled={jobs.length === 0}
              onChange={(e) => onSelect(jobs.map((j) => j.id), e.target.checked)} />
          </th>
        }
      >
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} selected={selected.has(job.id)} onSelect={(id, on) => onSelect([id], on)} />
        ))}
      </DataTable>
      {jobs.length === 0 ? <EmptyMessage>No jobs match these filters yet. Submit one above.</EmptyMessage> : null}
      <LoadMore query={query} />
    </div>
  );
}
