"use client";

import { Field, INPUT_CLASS } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { TTaskFilters } from "./list-input";
import { TASK_STATUS_LIST } from "./task-statuses";

type TProps = { value: TTaskFilters; onChange: (next: TTaskFilters) => void; agents: { id: string; simulated: boolean }[] };

export function TaskFilters({ value, onChange, agents }: TProps) {
  const text = (key: "repository" | "text", label: string, placeholder: string, maxLength: number) => (
    <Field label={label}>
      {({ id }) => (
        <input id={id} type={key === "text" ? "search" : "text"} className={`${INPUT_CLASS} w-56`} value={value[key]} maxLength={maxLength} placeholder={placeholder}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })} />
      )}
    </Field>
  );
  return (
    <div role="search" aria-label="Filter tasks" className="flex flex-wrap items-end gap-3">
      <SelectField label="Status" anyLabel="Any status" options={TASK_STATUS_LIST} value={value.status} onChange={(status) => onChange({ ...value, status: status as TTaskFilters["status"] })} />
      <SelectField
        label="Agent"
        anyLabel="Any agent"
        options={agents.map((a) => ({ value: a.id, label: a.simulated ? `${a.id} (simulated)` : a.id }))}
        value={value.agent}
        onChange={(agent) => onChange({ ...value, agent })}
      />
      {text("repository", "Repository", "part of the URL or path", 300)}
      {text("text", "Search", "title, repository or id", 200)}
    </div>
  );
}
