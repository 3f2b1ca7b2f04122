import "server-only";
import { readTaskLogs } from "@/server/evaluation/logs/read-task-logs";
import { orgProcedure } from "../../init";
import { ZTaskLogsInput, ZTaskLogsOutput } from "./task-logs.schema";

export const taskLogsProcedure = orgProcedure
  .input(ZTaskLogsInput)
  .output(ZTaskLogsOutput)
  .query(({ ctx: { orgId }, input }) =>
    readTaskLogs(orgId, input.id, { afterSeq: input.afterSeq ? BigInt(input.afterSeq) : undefined, runId: input.runId, limit: input.limit }),
  );
