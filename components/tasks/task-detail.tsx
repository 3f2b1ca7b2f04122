"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { DetailLoadError } from "@/components/ui/detail-load-error";
import { pollWhile } from "@/components/ui/poll";
import { ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import { LogViewer } from "./log-viewer";
import { RunInspector } from "./run-inspector";
import { RunsPanel } from "./runs-panel";
import { ScoresPanel } from "./scores-panel";
import { TaskHeader } from "./task-header";
import { isOpenTask } from "./task-statuses";

/** The whole task, refreshed every 1.5 s while it is open (status, run phases, scores as they land). */
export function TaskDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.tasks.get.queryOptions({ id }, { refetchInterval: pollWhile((t) => isOpenTask(t.status), 1500) }));

  if (query.isPending) return <LoadingMessage>Loading the task…</LoadingMessage>;
  if (query.isError && !query.data) return <DetailLoadError what="task" error={query.error} onRetry={() => void query.refetch()} back={{ href: "/tasks", label: "All tasks" }} />;
  const task = query.data;
  return (
    <div className="flex flex-col gap-6">
      {query.isError ? <ErrorMessage title="Live updates failing" message={query.error.message} /> : null}
      <TaskHeader task={task} />
      <RunsPanel runs={task.runs} />
      <ScoresPanel runs={task.runs} dimensions={task.dimensions} />
      <LogViewer taskId={task.id} runs={task.runs} />
      <RunInspector task={task} />
    </div>
  );
}
