import { controlProps, Field, INPUT_CLASS } from "@/components/ui/field";
import type { TFilterKey, TFilterValues } from "./filter-values";

const FIELDS: { key: TFilterKey; label: string; type: "text" | "date"; placeholder?: string }[] = [
  { key: "repository", label: "Repository", type: "text", placeholder: "exact repository" },
  { key: "teamId", label: "Team", type: "text", placeholder: "team id" },
  { key: "taskId", label: "Task", type: "text", placeholder: "task id (per-task ranking)" },
  { key: "from", label: "From", type: "date" },
  { key: "to", label: "To", type: "date" },
];

export function LeaderboardFilters({ values, errors, onChange }: { values: TFilterValues; errors: Record<string, string>; onChange: (next: TFilterValues) => void }) {
  return (
    <div role="search" aria-label="Filter leaderboard" className="flex flex-wrap items-start gap-3">
      {FIELDS.map((f) => (
        <Field key={f.key} label={f.label} error={errors[f.key]}>
          {(ids) => (
            <input {...controlProps(ids)} type={f.type} placeholder={f.placeholder} className={`${INPUT_CLASS} ${f.type === "text" ? "w-52" : ""}`}
              value={values[f.key]} onChange={(e) => onChange({ ...values, [f.key]: e.target.value })} />
          )}
        </Field>
      ))}
    </div>
  );
}
