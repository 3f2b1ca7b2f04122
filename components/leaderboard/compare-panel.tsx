"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { SelectField } from "@/components/ui/select-field";
import { formatScore } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import type { TLeaderboardFilterInput } from "@/server/evaluation/leaderboard/leaderboard-filter";
import { LEADERBOARD_DIMENSIONS, type TAgentComparison } from "./types";

type TPaired = TAgentComparison["overall"];

function Difference({ label, value }: { label: string; value: TPaired }) {
  const significant = value.ci95 !== null && (value.ci95.low > 0 || value.ci95.high < 0);
  return (
    <tr className={ROW_CLASS}>
      <th scope="row" className="px-3 py-2 text-left font-medium">{label}</th>
      <td className="px-3 py-2 tabular-nums">
        {value.mean === null ? "—" : `${value.mean > 0 ? "+" : ""}${formatScore(value.mean)}`}
        {value.ci95 ? <span className="text-xs text-zinc-500"> [{formatScore(value.ci95.low)}, {formatScore(value.ci95.high)}]</span> : null}
        {significant ? <span className="ml-2 text-xs font-medium text-indigo-700 dark:text-indigo-400">significant</span> : null}
      </td>
      <td className="px-3 py-2 tabular-nums">{value.wins} / {value.losses} / {value.ties}</td>
      <td className="px-3 py-2 tabular-nums">{value.n}</td>
    </tr>
  );
}

/** Two agents on the tasks both ran: paired differences (A − B) with a 95% interval, and wins/losses/ties. */
export function ComparePanel({ agents, filter }: { agents: string[]; filter: TLeaderboardFilterInput }) {
  const trpc = useTRPC();
  const [picked, setPicked] = useState<{ a?: string; b?: string }>({});
  const a = picked.a ?? agents[0];
  const b = picked.b ?? agents.find((x) => x !== a);
  const ready = a !== undefined && b !== undefined && a !== b;
  const query = useQuery(trpc.leaderboard.compare.queryOptions({ agentA: a ?? "", agentB: b ?? "", filter }, { enabled: ready }));
  const data = query.data as TAgentComparison | undefined;

  const select = (label: string, value: string | undefined, key: "a" | "b") => (
    <SelectField label={label} options={agents} value={value ?? ""} onChange={(v) => setPicked({ ...picked, [key]: v })} />
  );

  return (
    <Panel title="Compare two agents">
      {agents.length < 2 ? (
        <EmptyMessage>Comparisons need at least two ranked agents.</EmptyMessage>
      ) : (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-3">
            {select("Agent A", a, "a")}
            {select("Agent B", b, "b")}
          </div>
          {!ready ? <p className="text-sm text-zinc-500">Choose two different agents.</p> : null}
          {ready && query.isPending ? <LoadingMessage>Comparing…</LoadingMessage> : null}
          {query.isError ? <ErrorMessage title="Could not compare" message={query.error.message} /> : null}
          {ready && data ? (
            <DataTable caption={`${a} minus ${b}, paired by task`} headers={["Score", "A − B [95% CI]", "A wins / loses / ties", "Tasks"]}>
              <Difference label="Overall" value={data.overall} />
              {LEADERBOARD_DIMENSIONS.map((d) => (
                <Difference key={d} label={d} value={data.dimensions[d]} />
              ))}
            </DataTable>
          ) : null}
        </div>
      )}
    </Panel>
  );
}
