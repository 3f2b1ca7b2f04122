import { controlProps, Field, INPUT_CLASS } from "@/components/ui/field";
import type { TFormValues, TSchemaField } from "./schema-fields";

type TProps = { fields: TSchemaField[]; values: TFormValues; errors: Record<string, string>; onChange: (name: string, value: string | boolean) => void };

/** One labelled control per params property; min/max go on the input as hints, the server has the last word. */
export function ParamsFields({ fields, values, errors, onChange }: TProps) {
  if (fields.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">This job type takes no parameters.</p>;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {fields.map((field) => (
        <Field key={field.name} label={field.required ? `${field.name} *` : field.name} hint={hintOf(field)} error={errors[field.name]} inline={field.kind === "boolean"}>
          {(ids) => {
            const aria = { ...controlProps(ids), name: field.name };
            if (field.kind === "boolean") {
              return <input {...aria} type="checkbox" className="size-4" checked={values[field.name] === true} onChange={(e) => onChange(field.name, e.target.checked)} />;
            }
            if (field.kind === "enum") {
              return (
                <select {...aria} className={INPUT_CLASS} value={String(values[field.name] ?? "")} onChange={(e) => onChange(field.name, e.target.value)}>
                  {field.required ? null : <option value="">(default)</option>}
                  {field.options?.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              );
            }
            const numeric = field.kind === "number" || field.kind === "integer";
            return (
              <input
                {...aria}
                type={numeric ? "number" : "text"}
                step={field.kind === "integer" ? 1 : numeric ? "any" : undefined}
                min={field.minimum}
                max={field.maximum}
                maxLength={field.maxLength}
                className={INPUT_CLASS}
                value={String(values[field.name] ?? "")}
                onChange={(e) => onChange(field.name, e.target.value)}
              />
            );
          }}
        </Field>
      ))}
    </div>
  );
}

function hintOf(field: TSchemaField): string | undefined {
  const range =
    field.minimum !== undefined && field.maximum !== undefined
      ? `${field.minimum}–${field.maximum}`
      : field.minimum !== undefined
        ? `≥ ${field.minimum}`
        : field.maximum !== undefined
          ? `≤ ${field.maximum}`
          : undefined;
  const parts = [field.description, range ? `${field.kind === "integer" ? "whole number " : ""}${range}` : undefined];
  return parts.filter(Boolean).join(" · ") || undefined;
}
