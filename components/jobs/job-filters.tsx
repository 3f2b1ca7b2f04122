"use client";

import { Field, INPUT_CLASS } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { QUEUE_NAMES } from "@/server/jobs/queues";
import { JOB_STATUS_LIST } from "./job-statuses";
import type { TJobFilters } from "./list-input";

export function JobFilters({ value, onChange, typeNames }: { value: TJobFilters; onChange: (next: TJobFilters) => void; typeNames: string[] }) {
  return (
    <div role="search" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3">
      <SelectField label="Status" anyLabel="Any status" options={JOB_STATUS_LIST} value={value.status} onChange={(status) => onChange({ ...value, status: status as TJobFilters["status"] })} />
      <SelectField label="Type" anyLabel="Any type" options={typeNames} value={value.type} onChange={(type) => onChange({ ...value, type })} />
      <SelectField label="Queue" anyLabel="Any queue" options={QUEUE_NAMES} value={value.queue} onChange={(queue) => onChange({ ...value, queue: queue as TJobFilters["queue"] })} />
      <Field label="Search">
        {({ id }) => (
          <input
            id={id}
            type="search"
            placeholder="id, type, error or params"
            className={`${INPUT_CLASS} w-64`}
            value={value.text}
            maxLength={200}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
