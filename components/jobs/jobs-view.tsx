"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Panel } from "@/components/ui/panel";
import { JobBulkBar } from "./job-bulk-bar";
import { JobFilters } from "./job-filters";
import { JobsTable } from "./jobs-table";
import { DEFAULT_FILTERS, type TJobFilters } from "./list-input";

export function JobsView({ initialFilters = DEFAULT_FILTERS }: { initialFilters?: TJobFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<TJobFilters>(initialFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const types = useQuery(trpc.jobs.listTypes.queryOptions());
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) if (on) next.add(id); else next.delete(id);
      return next;
    });
  return (
    <Panel title="Jobs">
      <div className="flex flex-col gap-4">
        <JobFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setSelected(new Set()); // a selection made under other filters would act on rows no longer shown
          }}
          typeNames={(types.data ?? []).map((t) => t.name)}
        />
        <JobBulkBar selected={[...selected]} filters={filters} onDone={() => setSelected(new Set())} />
        <JobsTable filters={filters} selected={selected} onSelect={select} />
      </div>
    </Panel>
  );
}
