import { z } from "zod";
import { ZListTasksInput } from "@/server/evaluation/tasks/task-schema";
import { ZTaskListItemView } from "./task.schema";

/** `direction` is added by infinite queries next to `cursor`; pagination only goes forward. */
export const ZListTasksRequest = ZListTasksInput.extend({ direction: z.enum(["forward", "backward"]).optional() });
export const ZListTasksOutput = z.object({ items: z.array(ZTaskListItemView), nextCursor: z.string().nullable() });
