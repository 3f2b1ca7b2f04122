"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Panel } from "@/components/ui/panel";
import { JobFilters } from "./job-filters";
import { JobsTable } from "./jobs-table";
import { DEFAULT_FILTERS, type TJobFilters } from "./list-input";

export function JobsView() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<TJobFilters>(DEFAULT_FILTERS);
  const types = useQuery(trpc.jobs.listTypes.queryOptions());
  return (
    <Panel title="Jobs">
      <div className="flex flex-col gap-4">
        <JobFilters value={filters} onChange={setFilters} typeNames={(types.data ?? []).map((t) => t.name)} />
        <JobsTable filters={filters} />
      </div>
    </Panel>
  );
}
