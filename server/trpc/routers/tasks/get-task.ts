import "server-only";
import { getTask } from "@/server/evaluation/tasks/get-task";
import { orgProcedure } from "../../init";
import { ZGetTaskInput, ZGetTaskOutput } from "./get-task.schema";
import { taskActions } from "./task-permissions";

export const getTaskProcedure = orgProcedure
  .input(ZGetTaskInput)
  .output(ZGetTaskOutput)
  .query(async ({ ctx: { caller, orgId }, input }) => {
    const task = await getTask(orgId, input.id);
    return { ...task, ...taskActions(caller, task) };
  });
