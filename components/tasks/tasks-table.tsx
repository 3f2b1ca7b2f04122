"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue } from "react";
import { nextCursorOf } from "@/components/jobs/list-input";
import { useTRPC } from "@/components/providers/trpc-provider";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { DataTable, LoadMore } from "@/components/ui/table";
import { taskListInput, type TTaskFilters } from "./list-input";
import { TaskRow } from "./task-row";

const HEADERS = ["Task", "Status", "Agents", "Runs", "Created", "Finished", "Actions"];

/** Polls every 2 s (all loaded pages), so statuses move without a reload. */
export function TasksTable({ filters, limit }: { filters: TTaskFilters; limit?: number }) {
  const trpc = useTRPC();
  const deferred = useDeferredValue(filters);
  const query = useInfiniteQuery(
    trpc.tasks.list.infiniteQueryOptions(taskListInput(deferred, limit), {
      getNextPageParam: nextCursorOf,
      refetchInterval: 2000,
      placeholderData: keepPreviousData,
    }),
  );

  if (query.isPending) return <LoadingMessage>Loading tasks…</LoadingMessage>;
  if (query.isError && !query.data) return <ErrorMessage title="Could not load tasks" message={query.error.message} onRetry={() => void query.refetch()} />;
  const tasks = query.data.pages.flatMap((page) => page.items);

  return (
    <div className="flex flex-col gap-3">
      {query.isError ? <ErrorMessage title="Live updates failing" message={query.error.message} /> : null}
      <DataTable caption="Tasks, newest first" headers={HEADERS}>
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
      </DataTable>
      {tasks.length === 0 ? (
        <EmptyMessage>
          No tasks match these filters.{" "}
          <Link href="/tasks/new" className="text-indigo-600 underline dark:text-indigo-400">
            Create a task
          </Link>
        </EmptyMessage>
      ) : null}
      {limit === undefined ? <LoadMore query={query} /> : null}
    </div>
  );
}
