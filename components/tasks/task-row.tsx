import Link from "next/link";
import { AgentLabel } from "@/components/agents/agent-label";
import { StatusBadge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { TTaskListItemView } from "./types";
import { TaskActions } from "./task-actions";

const CELL = "px-3 py-2 align-top";

export function TaskRow({ task }: { task: TTaskListItemView }) {
  const { runs } = task;
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800">
      <td className={CELL}>
        <Link href={`/tasks/${task.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
          {task.title ?? task.id.slice(0, 8)}
        </Link>
        <p className="max-w-72 truncate text-xs text-zinc-500 dark:text-zinc-400" title={task.repository}>
          {task.repository}
        </p>
      </td>
      <td className={CELL}>
        <StatusBadge status={task.status} />
        {task.errorMessage && task.status === "failed" ? (
          <p className="mt-1 max-w-56 truncate text-xs text-red-600 dark:text-red-400" title={task.errorMessage}>
            {task.errorMessage}
          </p>
        ) : null}
      </td>
      <td className={CELL}>
        <ul className="flex flex-col gap-0.5">
          {task.agents.map((agentId) => (
            <li key={agentId}>
              <AgentLabel agentId={agentId} />
            </li>
          ))}
        </ul>
      </td>
      <td className={`${CELL} whitespace-nowrap tabular-nums`}>
        {runs.total === 0 ? (
          <span className="text-zinc-400">—</span>
        ) : (
          <span title={`${runs.completed} completed, ${runs.failed} failed or cancelled, ${runs.open} open`}>
            {runs.completed}/{runs.total} done{runs.failed ? <span className="text-red-600 dark:text-red-400">, {runs.failed} failed</span> : null}
          </span>
        )}
      </td>
      <td className={`${CELL} whitespace-nowrap text-xs`}>
        <Time value={task.createdAt} />
      </td>
      <td className={`${CELL} whitespace-nowrap text-xs`}>
        <Time value={task.finishedAt} />
      </td>
      <td className={`${CELL} text-right`}>
        <TaskActions task={task} />
      </td>
    </tr>
  );
}
