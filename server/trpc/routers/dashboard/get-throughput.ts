import "server-only";
import { getThroughput } from "@/server/dashboard/get-throughput";
import { orgProcedure } from "../../init";
import { ZGetThroughputInput, ZGetThroughputOutput } from "./get-throughput.schema";

export const getThroughputProcedure = orgProcedure
  .input(ZGetThroughputInput)
  .output(ZGetThroughputOutput)
  .query(({ ctx: { orgId }, input }) => getThroughput(orgId, input.range, input.queue));
