/** Percent 0..100 with an optional message under it (e.g. "slept 1.5 s"). */
export function ProgressBar({ value, label, message }: { value: number; label: string; message?: string | null }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="min-w-32">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={message ? `${percent}% ${message}` : `${percent}%`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full rounded-full bg-indigo-500 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <div className="mt-1 flex justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="truncate">{message ?? ""}</span>
        <span>{percent}%</span>
      </div>
    </div>
  );
}
