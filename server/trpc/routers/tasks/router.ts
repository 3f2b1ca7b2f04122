import "server-only";
import { router } from "../../init";
import { cancelTaskProcedure } from "./cancel-task";
import { createTaskProcedure } from "./create-task";
import { getTaskProcedure } from "./get-task";
import { listTasksProcedure } from "./list-tasks";
import { retryTaskProcedure } from "./retry-task";
import { taskLogsProcedure } from "./task-logs";

export const tasksRouter = router({
  create: createTaskProcedure,
  list: listTasksProcedure,
  get: getTaskProcedure,
  cancel: cancelTaskProcedure,
  retry: retryTaskProcedure,
  logs: taskLogsProcedure,
});
