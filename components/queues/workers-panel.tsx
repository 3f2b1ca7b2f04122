"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Ago } from "@/components/ui/ago";
import { Badge } from "@/components/ui/badge";
import { QueryPanel } from "@/components/ui/query-panel";
import { EmptyMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

const HEADERS = ["Worker", "Host / pid", "Queues (concurrency)", "In flight", "State", "Started", "Last heartbeat"];

/** Workers heard from in the last hour: what they consume, their load, and how fresh their heartbeat is. */
export function WorkersPanel() {
  const trpc = useTRPC();
  const query = useQuery(trpc.workers.list.queryOptions(undefined, { refetchInterval: 2000 }));
  return (
    <QueryPanel title="Workers" what="workers" query={query}>
      {(workers) =>
        workers.length === 0 ? (
          <EmptyMessage>No worker has sent a heartbeat in the last hour. Start one with `npm run worker`.</EmptyMessage>
        ) : (
          <DataTable caption="Workers, newest first" headers={HEADERS}>
            {workers.map((w) => (
              <tr key={w.id} className={ROW_CLASS}>
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">{w.id}</th>
                <td className="px-3 py-2 text-xs">{w.host} / {w.pid}</td>
                <td className="px-3 py-2 text-xs">{Object.entries(w.queues).map(([q, c]) => `${q} (${c})`).join(", ") || "—"}</td>
                <td className="px-3 py-2 tabular-nums">{w.inFlight}</td>
                <td className="px-3 py-2">
                  <Badge tone={w.alive ? "emerald" : "zinc"}>{w.alive ? w.status : w.status === "stopped" ? "stopped" : "dead"}</Badge>
                </td>
                <td className="px-3 py-2 text-xs"><Time value={w.startedAt} /></td>
                <td className="px-3 py-2 text-xs"><Ago value={w.lastSeenAt} /></td>
              </tr>
            ))}
          </DataTable>
        )
      }
    </QueryPanel>
  );
}
