import { z } from "zod";

export { ZHealthCheckOutput, type THealthCheckOutput } from "@/server/health/health-schema";
export const ZHealthCheckInput = z.void();
