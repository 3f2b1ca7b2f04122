import { controlProps, INPUT_CLASS } from "@/components/ui/field";
import { Fieldset } from "@/components/ui/fieldset";
import { DIMENSION_TITLES, DIMENSIONS, type TDimension } from "@/server/evaluation/model";
import type { TTaskFormValues } from "./task-form-values";

type TProps = {
  values: TTaskFormValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<TTaskFormValues>) => void;
  onBlur: (field: string) => void;
};

/** The rubric: which dimensions to score and the pass threshold (0..1) of each. */
export function RubricFields({ values, errors, onChange, onBlur }: TProps) {
  const toggle = (d: TDimension, on: boolean) =>
    onChange({ dimensions: on ? DIMENSIONS.filter((x) => x === d || values.dimensions.includes(x)) : values.dimensions.filter((x) => x !== d) });
  return (
    <Fieldset legend="Rubric" hint="A run passes when no chosen dimension scores below its threshold." error={errors.dimensions}>
      <div className="grid gap-2 sm:grid-cols-2">
        {DIMENSIONS.map((d) => {
          const enabled = values.dimensions.includes(d);
          const key = `thresholds.${d}`;
          const error = errors[key];
          const errorId = `threshold-${d}-error`;
          return (
            <div key={d} className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
              <label className="flex min-w-52 flex-1 items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" name="dimensions" value={d} checked={enabled} onChange={(e) => toggle(d, e.target.checked)} />
                <span>
                  <span className="font-medium">{d}</span> <span className="text-zinc-500 dark:text-zinc-400">{DIMENSION_TITLES[d]}</span>
                </span>
              </label>
              <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
                <span>{d} threshold</span>
                <input
                  {...controlProps({ id: `threshold-${d}`, describedBy: error ? errorId : undefined, errorId: error ? errorId : undefined, invalid: Boolean(error) })}
                  type="number"
                  min={0}
                  max={1}
                  step={0.05}
                  disabled={!enabled}
                  className={`${INPUT_CLASS} w-20`}
                  value={values.thresholds[d]}
                  onChange={(e) => onChange({ thresholds: { ...values.thresholds, [d]: e.target.value } })}
                  onBlur={() => onBlur(key)}
                />
              </label>
              {error ? (
                <p id={errorId} className="w-full text-xs font-medium text-red-600 dark:text-red-400">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
