import { controlProps, Field, INPUT_CLASS } from "@/components/ui/field";
import { Fieldset } from "@/components/ui/fieldset";
import type { TSourceKind, TTaskFormValues } from "./task-form-values";

type TProps = {
  values: TTaskFormValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<TTaskFormValues>) => void;
  onBlur: (field: string) => void;
};

const KINDS: { kind: TSourceKind; label: string }[] = [
  { kind: "git", label: "Git repository" },
  { kind: "github-pr", label: "GitHub pull request" },
];

/** A git repository (URL, file:// or absolute path) with base and head refs, or a GitHub pull request URL. */
export function SourceFields({ values, errors, onChange, onBlur }: TProps) {
  return (
    <Fieldset legend="Source" error={errors.source ?? errors["source.kind"]}>
      <div role="radiogroup" aria-label="Source kind" className="flex flex-wrap gap-4">
        {KINDS.map(({ kind, label }) => (
          <label key={kind} className="flex items-center gap-2 text-sm">
            <input type="radio" name="sourceKind" value={kind} checked={values.sourceKind === kind} onChange={() => onChange({ sourceKind: kind })} />
            {label}
          </label>
        ))}
      </div>
      {values.sourceKind === "git" ? (
        <div className="grid gap-3 sm:grid-cols-4">
          <div className="sm:col-span-2">
            <Field label="Repository" hint="https://, ssh://, git:// or file:// URL, user@host:path, or an absolute path" error={errors["source.repository"]}>
              {(ids) => (
                <input {...controlProps(ids)} name="repository" className={`${INPUT_CLASS} w-full`} value={values.repository} autoComplete="off"
                  placeholder="https://github.com/owner/repo.git" onChange={(e) => onChange({ repository: e.target.value })} onBlur={() => onBlur("source.repository")} />
              )}
            </Field>
          </div>
          <Field label="Base ref" error={errors["source.baseRef"]}>
            {(ids) => (
              <input {...controlProps(ids)} name="baseRef" className={INPUT_CLASS} value={values.baseRef} autoComplete="off"
                onChange={(e) => onChange({ baseRef: e.target.value })} onBlur={() => onBlur("source.baseRef")} />
            )}
          </Field>
          <Field label="Head ref" error={errors["source.headRef"]}>
            {(ids) => (
              <input {...controlProps(ids)} name="headRef" className={INPUT_CLASS} value={values.headRef} autoComplete="off" placeholder="feature"
                onChange={(e) => onChange({ headRef: e.target.value })} onBlur={() => onBlur("source.headRef")} />
            )}
          </Field>
        </div>
      ) : (
        <Field label="Pull request URL" hint="https://github.com/owner/repo/pull/123" error={errors["source.url"]}>
          {(ids) => (
            <input {...controlProps(ids)} name="url" type="url" className={`${INPUT_CLASS} w-full`} value={values.url} autoComplete="off"
              onChange={(e) => onChange({ url: e.target.value })} onBlur={() => onBlur("source.url")} />
          )}
        </Field>
      )}
    </Fieldset>
  );
}
