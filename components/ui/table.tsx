import type { ReactNode } from "react";
import { Button } from "./button";

const HEAD_CELL = "px-3 py-2 font-medium";

/**
 * The dashboard's tables: horizontally scrollable, named by their caption (for getByRole("table", { name })),
 * with a header row from `headers` ("Actions" right-aligned) or a custom `head` row, and `leading` cells before it.
 */
export function DataTable({ caption, headers = [], head, leading, children }: { caption: string; headers?: string[]; head?: ReactNode; leading?: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
          {head ?? (
            <tr>
              {leading}
              {headers.map((h) => (
                <th key={h} scope="col" className={`${HEAD_CELL} ${h === "Actions" ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A body row with the dashboard's divider. */
export const ROW_CLASS = "border-t border-zinc-100 dark:border-zinc-800";

/** "Load more" under a cursor-paginated list. */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center">
      <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}
