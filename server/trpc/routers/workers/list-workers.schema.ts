import { z } from "zod";

export const ZListWorkersInput = z.void();

export const ZWorkerView = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  queues: z.record(z.string(), z.number()),
  inFlight: z.number().int(),
  status: z.string(),
  alive: z.boolean(),
  startedAt: z.date(),
  lastSeenAt: z.date(),
});
export type TWorkerViewOutput = z.infer<typeof ZWorkerView>;

export const ZListWorkersOutput = z.array(ZWorkerView);
