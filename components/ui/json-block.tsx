/** Pretty-printed JSON in a scrollable block; `null`/`undefined` render as a muted note instead. */
export function JsonBlock({ value, label, empty = "Nothing here." }: { value: unknown; label: string; empty?: string }) {
  if (value === null || value === undefined) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
