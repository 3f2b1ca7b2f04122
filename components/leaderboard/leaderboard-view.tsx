"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Panel } from "@/components/ui/panel";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { ComparePanel } from "./compare-panel";
import { DimensionCharts } from "./dimension-charts-lazy";
import { filterInput, filterQueryString, validateFilters, type TFilterValues } from "./filter-values";
import { LeaderboardFilters } from "./leaderboard-filters";
import { LeaderboardTable } from "./leaderboard-table";
import type { TLeaderboard } from "./types";

const LINK = "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** Filters (kept in the URL), the ranked table, one chart per dimension, exports and a two-agent comparison. */
export function LeaderboardView({ initialFilters }: { initialFilters: TFilterValues }) {
  const trpc = useTRPC();
  const [values, setValues] = useState(initialFilters);
  const deferred = useDeferredValue(values);
  const errors = validateFilters(values);
  const valid = Object.keys(validateFilters(deferred)).length === 0;
  // The last valid filters keep showing while a field is being corrected.
  const [applied, setApplied] = useState(initialFilters);
  if (valid && deferred !== applied) setApplied(deferred);
  const input = filterInput(applied);
  const query = useQuery(trpc.leaderboard.get.queryOptions(input, { placeholderData: keepPreviousData, refetchInterval: 10_000 }));

  const change = (next: TFilterValues) => {
    setValues(next);
    const qs = filterQueryString(next);
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  };

  const board = query.data as TLeaderboard | undefined;
  const exports = (
    <div className="flex gap-2">
      <a className={LINK} href={`/api/v1/leaderboard/export?${filterQueryString(applied, { format: "csv" })}`} download>
        Export CSV
      </a>
      <a className={LINK} href={`/api/v1/leaderboard/export?${filterQueryString(applied, { format: "json" })}`} download>
        Export JSON
      </a>
    </div>
  );

  return (
    <div className="flex flex-col gap-6">
      <Panel title="Filters">
        <LeaderboardFilters values={values} errors={errors} onChange={change} />
      </Panel>
      <Panel title="Ranking" actions={exports}>
        {query.isPending ? <LoadingMessage>Loading the leaderboard…</LoadingMessage> : null}
        {query.isError && !board ? <ErrorMessage title="Could not load the leaderboard" message={query.error.message} onRetry={() => void query.refetch()} /> : null}
        {board ? (
          board.entries.length === 0 ? (
            <EmptyMessage>No scored runs match these filters yet.</EmptyMessage>
          ) : (
            <div className="flex flex-col gap-2">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {board.runs} scored runs on {board.tasks} task{board.tasks === 1 ? "" : "s"}. Intervals are 95% confidence intervals of the mean.
              </p>
              <LeaderboardTable entries={board.entries} />
            </div>
          )
        ) : null}
      </Panel>
      {board && board.entries.length > 0 ? (
        <>
          <Panel title="Scores by dimension">
            <DimensionCharts entries={board.entries} />
          </Panel>
          <ComparePanel agents={board.entries.map((e) => e.agentId)} filter={input} />
        </>
      ) : null}
    </div>
  );
}
