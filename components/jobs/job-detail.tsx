"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { DetailLoadError } from "@/components/ui/detail-load-error";
import { pollWhile } from "@/components/ui/poll";
import { StatusBadge } from "@/components/ui/badge";
import { FactList } from "@/components/ui/fact-list";
import { formatDuration } from "@/components/ui/format";
import { JsonBlock } from "@/components/ui/json-block";
import { Panel } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EmptyMessage, ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { DataTable, ROW_CLASS } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { JobActions } from "./job-actions";
import { JobError } from "./job-error";

const isOpen = (status: string) => status === "queued" || status === "active";

/** One job: state and progress (live while open), params, result, error with stack, and every attempt. */
export function JobDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.jobs.get.queryOptions({ id }, { refetchInterval: pollWhile((j) => isOpen(j.status), 1000) }));

  if (query.isPending) return <LoadingMessage>Loading the job…</LoadingMessage>;
  if (query.isError && !query.data) return <DetailLoadError what="job" error={query.error} onRetry={() => void query.refetch()} back={{ href: "/jobs", label: "All jobs" }} />;
  const job = query.data;
  const facts: [string, ReactNode][] = [
    ["Type", job.type],
    ["Queue", job.queue],
    ["Priority", job.priority],
    ["Attempt", `${job.attempt} of ${job.maxAttempts}${job.deadLettered ? " (in the dead-letter queue)" : ""}`],
    ["Worker", job.workerId ?? "—"],
    ["Created", <Time key="c" value={job.createdAt} />],
    ["Started", <Time key="s" value={job.startedAt} />],
    ["Finished", <Time key="f" value={job.finishedAt} />],
  ];
  return (
    <div className="flex flex-col gap-6">
      {query.isError ? <ErrorMessage title="Live updates failing" message={query.error.message} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-semibold tracking-tight">Job {job.type}</h1>
          <p className="flex items-center gap-2">
            <span aria-label="Job status"><StatusBadge status={job.status} /></span>
            <code className="text-xs text-zinc-500">{job.id}</code>
          </p>
        </div>
        <JobActions job={job} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="State">
          <div className="flex flex-col gap-4">
            <ProgressBar value={job.progress} label="Progress" message={job.progressMessage} />
            <FactList facts={facts} />
          </div>
        </Panel>
        <Panel title="Params">
          <JsonBlock value={job.params} label="Job params" empty="No params." />
        </Panel>
        <Panel title="Result">
          <JsonBlock value={job.result} label="Job result" empty={isOpen(job.status) ? "Not finished yet." : "No result."} />
        </Panel>
        <Panel title="Error">{job.errorMessage ? <JobError id={job.id} message={job.errorMessage} /> : <EmptyMessage>No error.</EmptyMessage>}</Panel>
      </div>
      <Panel title="Attempts">
        {job.attempts.length === 0 ? (
          <EmptyMessage>Not started yet.</EmptyMessage>
        ) : (
          <DataTable caption="Attempts, first to last" headers={["Attempt", "Status", "Worker", "Started", "Duration", "Error"]}>
            {job.attempts.map((a) => (
              <tr key={a.attempt} className={ROW_CLASS}>
                <td className="px-3 py-2 tabular-nums">{a.attempt}</td>
                <td className="px-3 py-2"><StatusBadge status={a.status} /></td>
                <td className="px-3 py-2 font-mono text-xs">{a.workerId}</td>
                <td className="px-3 py-2 text-xs"><Time value={a.startedAt} /></td>
                <td className="px-3 py-2 tabular-nums">{a.finishedAt ? formatDuration(a.finishedAt.getTime() - a.startedAt.getTime()) : "running"}</td>
                <td className="px-3 py-2 text-xs text-red-600 dark:text-red-400">{a.errorMessage ?? ""}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}
