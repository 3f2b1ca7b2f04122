import "server-only";
import { env } from "@/server/config/env";
import { publicProcedure } from "../../init";
import { ZHealthCheckInput, ZHealthCheckOutput } from "./check.schema";
import { checkHealth } from "@/server/health/check-health";

// Public: load balancers and k8s probes call it without an identity.
export const healthCheckProcedure = publicProcedure
  .input(ZHealthCheckInput)
  .output(ZHealthCheckOutput)
  .query(() => checkHealth(env().WORKER_DEAD_AFTER_SECONDS));
