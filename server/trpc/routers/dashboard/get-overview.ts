import "server-only";
import { getOverview } from "@/server/dashboard/get-overview";
import { orgProcedure } from "../../init";
import { ZGetOverviewInput, ZGetOverviewOutput } from "./get-overview.schema";

// Polled by the overview page: no log line per call.
export const getOverviewProcedure = orgProcedure
  .input(ZGetOverviewInput)
  .output(ZGetOverviewOutput)
  .query(({ ctx: { orgId } }) => getOverview(orgId));
