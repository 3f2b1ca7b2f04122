import Link from "next/link";
import { STATUS_TONES } from "./badge";

const DOT: Record<string, string> = {
  amber: "bg-amber-500",
  blue: "bg-blue-500",
  violet: "bg-violet-500",
  emerald: "bg-emerald-500",
  red: "bg-red-500",
  zinc: "bg-zinc-400",
  indigo: "bg-indigo-500",
};

/** Counts by status as a description list; with hrefOf each count links to the list filtered by that status. */
export function StatusCounts({ label, counts, hrefOf }: { label: string; counts: Record<string, number>; hrefOf?: (status: string) => string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7">
      {Object.entries(counts).map(([status, count]) => (
        <div key={status} className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
          <dt className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            <span aria-hidden className={`size-2 rounded-full ${DOT[STATUS_TONES[status] ?? "zinc"]}`} />
            {status}
          </dt>
          <dd className="text-xl font-semibold tabular-nums">
            {hrefOf ? (
              <Link href={hrefOf(status)} aria-label={`${count} ${status}`} className="hover:text-indigo-600 hover:underline dark:hover:text-indigo-400">
                {count}
              </Link>
            ) : (
              count
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
