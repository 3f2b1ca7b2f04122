const FORMAT = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Local time; the server renders in its own zone, so the text may legitimately differ at hydration. */
export function Time({ value }: { value: Date | null }) {
  if (!value) return <span className="text-zinc-400 dark:text-zinc-600">—</span>;
  return (
    <time dateTime={value.toISOString()} title={value.toISOString()} suppressHydrationWarning>
      {FORMAT.format(value)}
    </time>
  );
}
