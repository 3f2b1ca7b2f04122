"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { QueryPanel } from "@/components/ui/query-panel";
import { JOB_STATUS_LIST } from "@/components/jobs/job-statuses";
import type { TQueueName } from "@/server/jobs/queues";
import { QueueToggle } from "./queue-toggle";

/** Depth per state (this org's jobs) and pause state (shared by every org) of each queue. */
export function QueuesPanel() {
  const trpc = useTRPC();
  const query = useQuery(trpc.queues.list.queryOptions(undefined, { refetchInterval: 1000 }));
  return (
    <QueryPanel title="Queues" what="queues" query={query}>
      {({ queues, canControl }) => (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Queues: jobs per state</caption>
            <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">Queue</th>
                {JOB_STATUS_LIST.map((s) => (
                  <th key={s} scope="col" className="px-2 py-1 text-right font-medium">{s}</th>
                ))}
                <th scope="col" className="px-2 py-1 text-right font-medium" title="Jobs completed in the last minute">Done/min</th>
                <th scope="col" className="px-2 py-1 font-medium">State</th>
                {canControl ? <th scope="col" className="px-2 py-1 text-right font-medium">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.name} className="border-t border-zinc-100 dark:border-zinc-800">
                  <th scope="row" className="px-2 py-1.5 font-medium" title={q.description}>{q.name}</th>
                  {JOB_STATUS_LIST.map((s) => (
                    <td key={s} className="px-2 py-1.5 text-right tabular-nums">{q.counts[s] ?? 0}</td>
                  ))}
                  <td className="px-2 py-1.5 text-right tabular-nums">{q.completedLastMinute}</td>
                  <td className="px-2 py-1.5">
                    <span className={q.paused ? "font-medium text-amber-700 dark:text-amber-400" : "text-emerald-700 dark:text-emerald-400"}>
                      {q.paused ? "paused" : "running"}
                    </span>
                  </td>
                  {canControl ? (
                    <td className="px-2 py-1.5 text-right">
                      <QueueToggle name={q.name as TQueueName} paused={q.paused} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryPanel>
  );
}
