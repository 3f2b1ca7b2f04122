import { Field, INPUT_CLASS } from "./field";

type TOption = string | { value: string; label: string };

/** A labelled select whose first option ("Any status", "All runs") stands for "no filter" (the empty value). */
export function SelectField({ label, value, anyLabel, options, onChange, className = "" }: { label: string; value: string; anyLabel?: string; options: readonly TOption[]; onChange: (value: string) => void; className?: string }) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select id={id} className={`${INPUT_CLASS} ${className}`} value={value} onChange={(e) => onChange(e.target.value)}>
          {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
          {options.map((o) => {
            const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
            return (
              <option key={v} value={v}>
                {l}
              </option>
            );
          })}
        </select>
      )}
    </Field>
  );
}
