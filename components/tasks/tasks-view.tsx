"use client";

import { useState } from "react";
import { useAgents } from "@/components/agents/use-agents";
import { Panel } from "@/components/ui/panel";
import type { TTaskFilters } from "./list-input";
import { TaskFilters } from "./task-filters";
import { TasksTable } from "./tasks-table";

export function TasksView({ initialFilters }: { initialFilters: TTaskFilters }) {
  const [filters, setFilters] = useState(initialFilters);
  const agents = useAgents();
  return (
    <Panel title="Tasks">
      <div className="flex flex-col gap-4">
        <TaskFilters value={filters} onChange={setFilters} agents={agents.data ?? []} />
        <TasksTable filters={filters} />
      </div>
    </Panel>
  );
}
