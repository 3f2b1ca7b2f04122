import { useId, type ReactNode } from "react";

export type TFieldIds = { id: string; describedBy: string | undefined; errorId: string | undefined; invalid: boolean };

/**
 * Label, control, hint and error wired for assistive tech: the error is the control's aria-errormessage,
 * so tests can use getByLabel(...) and toHaveAccessibleErrorMessage.
 */
export function Field({ label, hint, error, inline = false, children }: { label: string; hint?: string; error?: string; inline?: boolean; children: (ids: TFieldIds) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ids: TFieldIds = { id, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined, errorId, invalid: Boolean(error) };
  return (
    <div className="flex flex-col gap-1">
      <div className={inline ? "flex flex-row-reverse items-center justify-end gap-2" : "flex flex-col gap-1"}>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {children(ids)}
      </div>
      <HintAndError hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

/** The hint and error lines under a control or group, with the ids its aria-describedby points at. */
export function HintAndError({ hintId, hint, errorId, error }: { hintId?: string; hint?: string; errorId?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** The ARIA wiring of a Field's control: spread onto the input, select or textarea. */
export function controlProps({ id, describedBy, errorId, invalid }: TFieldIds) {
  return { id, "aria-describedby": describedBy, "aria-errormessage": errorId, "aria-invalid": invalid || undefined };
}

export const INPUT_CLASS =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-950";
