import "server-only";
import { z } from "zod";
import { JOB_TYPES } from "@/server/jobs/catalog";
import { orgProcedure } from "../../init";
import { canSubmitType } from "./job-permissions";
import { ZListJobTypesInput, ZListJobTypesOutput } from "./list-job-types.schema";

// The catalog never changes at runtime: convert each params schema once. io "input" keeps defaulted fields optional.
const TYPES = JOB_TYPES.map((type) => ({
  type,
  view: {
    name: type.name,
    title: type.title,
    description: type.description,
    queue: type.queue,
    priority: type.priority,
    retryLimit: type.retry.limit,
    scheduled: type.cron !== undefined,
    paramsSchema: z.toJSONSchema(type.params, { io: "input" }) as Record<string, unknown>,
  },
}));

export const listJobTypesProcedure = orgProcedure
  .input(ZListJobTypesInput)
  .output(ZListJobTypesOutput)
  .query(({ ctx: { caller } }) => TYPES.map(({ type, view }) => ({ ...view, canSubmit: canSubmitType(caller, type) })));
