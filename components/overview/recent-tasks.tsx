import Link from "next/link";
import { DEFAULT_TASK_FILTERS } from "@/components/tasks/list-input";
import { TasksTable } from "@/components/tasks/tasks-table";
import { Panel } from "@/components/ui/panel";

export const RECENT_TASKS = 8;

export function RecentTasks() {
  return (
    <Panel
      title="Recent tasks"
      actions={
        <Link href="/tasks" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
          All tasks
        </Link>
      }
    >
      <TasksTable filters={DEFAULT_TASK_FILTERS} limit={RECENT_TASKS} />
    </Panel>
  );
}
