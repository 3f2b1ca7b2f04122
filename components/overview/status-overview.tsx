"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { QueryPanel } from "@/components/ui/query-panel";
import { StatusCounts } from "@/components/ui/stat-list";

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-sm font-medium text-zinc-600 dark:text-zinc-300">{title}</h3>
      {children}
    </section>
  );
}

/** Counts of tasks, agent runs and jobs by status, each count linking to the list filtered by it. */
export function StatusOverview() {
  const trpc = useTRPC();
  const query = useQuery(trpc.dashboard.overview.queryOptions(undefined, { refetchInterval: 3000 }));
  return (
    <QueryPanel title="Status" what="counts" query={query}>
      {({ tasks, runs, jobs }) => (
        <div className="flex flex-col gap-4">
          <Group title="Tasks">
            <StatusCounts label="Tasks by status" counts={tasks} hrefOf={(s) => `/tasks?status=${s}`} />
          </Group>
          <Group title="Agent runs">
            <StatusCounts label="Agent runs by status" counts={runs} />
          </Group>
          <Group title="Jobs">
            <StatusCounts label="Jobs by status" counts={jobs} hrefOf={(s) => `/jobs?status=${s}`} />
          </Group>
        </div>
      )}
    </QueryPanel>
  );
}
