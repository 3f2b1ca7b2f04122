import { useId, type ReactNode } from "react";
import { HintAndError } from "./field";

/** A group of controls (checkboxes, radios) with a legend, a hint and an error the group is described by. */
export function Fieldset({ legend, hint, error, children, className = "" }: { legend: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined} data-invalid={error ? "" : undefined} className={`flex flex-col gap-2 ${className}`}>
      <legend className="mb-1 text-sm font-semibold">{legend}</legend>
      {children}
      <HintAndError hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </fieldset>
  );
}
