import "server-only";
import { env } from "@/server/config/env";
import { listWorkers } from "@/server/workers/list-workers";
import { orgProcedure } from "../../init";
import { ZListWorkersInput, ZListWorkersOutput } from "./list-workers.schema";

// Workers serve every org; the list holds no org data (hosts, queues, load).
export const listWorkersProcedure = orgProcedure
  .input(ZListWorkersInput)
  .output(ZListWorkersOutput)
  .query(() => listWorkers(env().WORKER_DEAD_AFTER_SECONDS));
