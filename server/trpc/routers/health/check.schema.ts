import { z } from "zod";

export const ZHealthCheckInput = z.void();

export const ZHealthCheckOutput = z.object({
  /** ok: database up and a worker alive; degraded: no alive worker (jobs wait); down: database unreachable. */
  status: z.enum(["ok", "degraded", "down"]),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable() }),
  queues: z.array(z.object({ name: z.string(), queued: z.number().int(), active: z.number().int(), paused: z.boolean() })),
  workers: z.object({ alive: z.number().int(), total: z.number().int() }),
});
export type THealthCheckOutput = z.infer<typeof ZHealthCheckOutput>;
