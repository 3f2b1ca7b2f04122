import "server-only";
import { env } from "@/server/config/env";
import { getRun } from "@/server/evaluation/tasks/get-run";
import { orgProcedure } from "../../init";
import { ZGetRunInput, ZGetRunOutput } from "./get-run.schema";

export const getRunProcedure = orgProcedure
  .input(ZGetRunInput)
  .output(ZGetRunOutput)
  .query(({ ctx: { orgId }, input }) => getRun(orgId, input.id, env().STORAGE_DIR));
