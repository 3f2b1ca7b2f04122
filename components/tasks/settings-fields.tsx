import { controlProps, Field, INPUT_CLASS } from "@/components/ui/field";
import type { TNumberField, TTaskFormValues } from "./task-form-values";

type TSetting = { field: TNumberField; label: string; hint: string; min: number; max: number };

const MAIN: TSetting[] = [
  { field: "maxFiles", label: "Max files", hint: "Changed files the questions cover (largest change first), 1–50", min: 1, max: 50 },
  { field: "trials", label: "Trials", hint: "Runs per agent, 1–10", min: 1, max: 10 },
  { field: "priority", label: "Priority", hint: "1 (low) – 10 (high)", min: 1, max: 10 },
];
const ADVANCED: TSetting[] = [
  { field: "maxTurns", label: "Max turns", hint: "Deep-dive turns before giving up waiting for a compression, 1–200", min: 1, max: 200 },
  { field: "contextTokenLimit", label: "Context token limit", hint: "1,000–2,000,000", min: 1000, max: 2_000_000 },
  { field: "seed", label: "Seed", hint: "Fixes the question set and the sim agents; random when empty", min: 0, max: 2 ** 31 - 1 },
];

type TProps = {
  values: TTaskFormValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<TTaskFormValues>) => void;
  onBlur: (field: string) => void;
};

function SettingInputs({ settings, values, errors, onChange, onBlur }: TProps & { settings: TSetting[] }) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {settings.map((s) => (
        <Field key={s.field} label={s.label} hint={s.hint} error={errors[s.field]}>
          {(ids) => (
            <input {...controlProps(ids)} name={s.field} type="number" step={1} min={s.min} max={s.max} className={INPUT_CLASS}
              value={values[s.field]} onChange={(e) => onChange({ [s.field]: e.target.value })} onBlur={() => onBlur(s.field)} />
          )}
        </Field>
      ))}
    </div>
  );
}

/** maxFiles, trials and priority up front; turns, context limit and seed behind "Advanced" (opened when one is wrong). */
export function SettingsFields(props: TProps) {
  const advancedInvalid = ADVANCED.some((s) => props.errors[s.field]);
  return (
    <div className="flex flex-col gap-3">
      <SettingInputs {...props} settings={MAIN} />
      <details open={advancedInvalid || undefined} className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">Advanced</summary>
        <div className="pt-3">
          <SettingInputs {...props} settings={ADVANCED} />
        </div>
      </details>
    </div>
  );
}
