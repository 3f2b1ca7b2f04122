"use client";

import { useState } from "react";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import { COLUMNS } from "./columns";
import type { TLeaderboardEntry } from "./types";

type TSort = { key: string; direction: "ascending" | "descending" };

/** Nulls last whatever the direction; strings by locale. */
function compare(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === "string" || typeof b === "string" ? String(a).localeCompare(String(b)) : a - b;
}

/** Ranked by the server; any column header re-sorts the rows in place (aria-sort tells which). */
export function LeaderboardTable({ entries }: { entries: TLeaderboardEntry[] }) {
  const [sort, setSort] = useState<TSort>({ key: "rank", direction: "ascending" });
  const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
  const rows = [...entries].sort((x, y) => {
    const a = column.value(x);
    const b = column.value(y);
    if (a === null || b === null) return compare(a, b);
    return sort.direction === "ascending" ? compare(a, b) : compare(b, a);
  });
  const toggle = (key: string) =>
    setSort((s) => ({ key, direction: s.key === key ? (s.direction === "ascending" ? "descending" : "ascending") : key === "rank" || key === "agent" ? "ascending" : "descending" }));

  return (
    <DataTable
      caption="Leaderboard: agents ranked by mean overall score"
      head={
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : undefined} className="px-3 py-2 font-medium" title={c.title}>
              <button type="button" onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100">
                {c.label}
                <span aria-hidden>{sort.key === c.key ? (sort.direction === "ascending" ? "▲" : "▼") : ""}</span>
              </button>
            </th>
          ))}
        </tr>
      }
    >
      {rows.map((entry) => (
        <tr key={entry.agentId} className={ROW_CLASS}>
          {COLUMNS.map((c) =>
            c.key === "agent" ? (
              <th key={c.key} scope="row" className="px-3 py-2 text-left font-normal">
                {c.render(entry)}
              </th>
            ) : (
              <td key={c.key} className="px-3 py-2 align-top">
                {c.render(entry)}
              </td>
            ),
          )}
        </tr>
      ))}
    </DataTable>
  );
}
