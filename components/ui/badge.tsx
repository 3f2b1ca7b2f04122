import type { ReactNode } from "react";

export type TTone = "amber" | "blue" | "violet" | "emerald" | "red" | "zinc" | "indigo";

const TONES: Record<TTone, string> = {
  amber: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  blue: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-300",
  violet: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-300",
  emerald: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  red: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  zinc: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  indigo: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
};

export function Badge({ tone, children, title }: { tone: TTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}

/** Colour of a status word shared by jobs, tasks and runs. */
export const STATUS_TONES: Record<string, TTone> = {
  queued: "amber",
  active: "blue",
  preparing: "blue",
  running: "blue",
  judging: "violet",
  completed: "emerald",
  failed: "red",
  cancelled: "zinc",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "zinc"}>{status}</Badge>;
}
