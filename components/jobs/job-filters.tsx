"use client";

import { Field, INPUT_CLASS } from "@/components/ui/field";
import { JOB_STATUS_LIST } from "./job-statuses";
import type { TJobFilters } from "./list-input";

export function JobFilters({ value, onChange, typeNames }: { value: TJobFilters; onChange: (next: TJobFilters) => void; typeNames: string[] }) {
  return (
    <div role="search" aria-label="Filter jobs" className="flex flex-wrap items-end gap-3">
      <Field label="Status">
        {({ id }) => (
          <select id={id} className={INPUT_CLASS} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as TJobFilters["status"] })}>
            <option value="">Any status</option>
            {JOB_STATUS_LIST.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Type">
        {({ id }) => (
          <select id={id} className={INPUT_CLASS} value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value })}>
            <option value="">Any type</option>
            {typeNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
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
