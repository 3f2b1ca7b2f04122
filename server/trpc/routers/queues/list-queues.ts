import "server-only";
import { listQueues } from "@/server/jobs/list-queues";
import { orgProcedure } from "../../init";
import { ZListQueuesInput, ZListQueuesOutput } from "./list-queues.schema";

export const listQueuesProcedure = orgProcedure
  .input(ZListQueuesInput)
  .output(ZListQueuesOutput)
  .query(async ({ ctx: { caller, orgId } }) => ({ queues: await listQueues(orgId), canControl: caller.role === "admin" }));
