import Link from "next/link";
import type { ReactNode } from "react";
import { AgentLabel } from "@/components/agents/agent-label";
import { StatusBadge } from "@/components/ui/badge";
import { FactList } from "@/components/ui/fact-list";
import { Time } from "@/components/ui/time";
import { TaskActions } from "./task-actions";
import { isOpenTask } from "./task-statuses";
import type { TTaskDetailView } from "./types";

/** "repo main..feature" or the pull request URL, from the source as submitted. */
function describeSource(source: unknown): string {
  const s = (source && typeof source === "object" ? source : {}) as Record<string, unknown>;
  if (s.kind === "github-pr" && typeof s.url === "string") return s.url;
  if (s.kind === "git") return `${String(s.repository)} ${String(s.baseRef)}..${String(s.headRef)}`;
  return "unknown source";
}

const LINK = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function TaskHeader({ task }: { task: TTaskDetailView }) {
  const facts: [string, ReactNode][] = [
    ["Source", <code key="s" className="break-all text-xs">{describeSource(task.source)}</code>],
    ["Agents", <span key="a" className="flex flex-wrap gap-3">{task.agents.map((a) => <AgentLabel key={a} agentId={a} />)}</span>],
    ["Rubric", task.dimensions.map((d) => `${d} ≥ ${task.thresholds[d] ?? "?"}`).join(", ")],
    ["Settings", `max files ${task.maxFiles} · max turns ${task.maxTurns} · context ${task.contextTokenLimit.toLocaleString("en-US")} tokens · trials ${task.trials} · priority ${task.priority} · seed ${task.seed}`],
    ["Created", <Time key="c" value={task.createdAt} />],
    ["Started", <Time key="st" value={task.startedAt} />],
    ["Finished", <Time key="f" value={task.finishedAt} />],
  ];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-semibold tracking-tight">{task.title ?? task.id}</h1>
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <span aria-label="Task status">
              <StatusBadge status={task.status} />
            </span>
            <code className="text-xs">{task.id}</code>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <a href={`/api/v1/tasks/${task.id}/bundle`} download className={LINK} title={isOpenTask(task.status) ? "What exists so far; complete once the task finishes" : undefined}>
            Download bundle
          </a>
          <Link href={`/leaderboard?taskId=${task.id}`} className={LINK}>
            Task leaderboard
          </Link>
          <TaskActions task={task} size="md" />
        </div>
      </div>
      {task.errorMessage && task.status === "failed" ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
          {task.errorMessage}
        </p>
      ) : null}
      <FactList facts={facts} />
    </div>
  );
}
