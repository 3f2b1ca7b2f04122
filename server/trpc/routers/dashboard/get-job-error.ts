import "server-only";
import { getJobError } from "@/server/dashboard/get-job-error";
import { adminProcedure } from "../../init";
import { ZGetJobErrorInput, ZGetJobErrorOutput } from "./get-job-error.schema";

// Stacks name files and internals, so jobs.get leaves them out; operators (admins) read them here.
export const getJobErrorProcedure = adminProcedure
  .input(ZGetJobErrorInput)
  .output(ZGetJobErrorOutput)
  .query(({ ctx: { orgId }, input }) => getJobError(orgId, input.id));
