export { ZTaskIdInput as ZGetTaskInput } from "@/server/evaluation/tasks/task-schema";
export { ZTaskDetailView as ZGetTaskOutput } from "./task.schema";
