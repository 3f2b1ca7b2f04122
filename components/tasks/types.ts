import type { z } from "zod";
import type { ZGetRunOutput } from "@/server/trpc/routers/runs/get-run.schema";
import type { ZTaskLogsOutput } from "@/server/trpc/routers/tasks/task-logs.schema";
import type { ZRunView, ZTaskDetailView, ZTaskListItemView } from "@/server/trpc/routers/tasks/task.schema";

// View types of the tasks procedures' outputs (type-only: no zod reaches the browser from here).
export type TTaskListItemView = z.infer<typeof ZTaskListItemView>;
export type TTaskDetailView = z.infer<typeof ZTaskDetailView>;
export type TRunView = z.infer<typeof ZRunView>;
export type TRunDetailView = z.infer<typeof ZGetRunOutput>;
export type TLogLine = z.infer<typeof ZTaskLogsOutput>["lines"][number];
