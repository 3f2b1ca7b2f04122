import "server-only";
import { listTasks } from "@/server/evaluation/tasks/list-tasks";
import { orgProcedure } from "../../init";
import { ZListTasksOutput, ZListTasksRequest } from "./list-tasks.schema";
import { taskActions } from "./task-permissions";

export const listTasksProcedure = orgProcedure
  .input(ZListTasksRequest)
  .output(ZListTasksOutput)
  .query(async ({ ctx: { caller, orgId }, input: { direction: _direction, ...filters } }) => {
    const page = await listTasks(orgId, filters);
    return { ...page, items: page.items.map((t) => ({ ...t, ...taskActions(caller, t) })) };
  });
