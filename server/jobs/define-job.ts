import type { z } from "zod";
import type { TQueueName } from "./queues";

/** A job type, declared once. Handlers live in worker/handlers; web code only needs this. */
export type TJobTypeDefinition<TParams extends z.ZodType = z.ZodType> = {
  name: string;
  title: string;
  description: string;
  queue: TQueueName;
  params: TParams;
  /** 1..10, higher runs first. */
  priority: number;
  retry: { limit: number; delaySeconds: number; backoff: boolean; maxDelaySeconds?: number };
  /** The handler's AbortSignal fires after this many seconds. */
  softTimeoutSeconds: number;
  /** pg-boss fails (and retries) the attempt after this many seconds, whatever the handler does. */
  hardTimeoutSeconds: number;
  /** Cron schedule (UTC) for maintenance jobs; such jobs belong to the system org. */
  cron?: string;
  /** Submitted only by the system itself (the evaluation pipeline); hidden from the job form, refused by jobs.submit. */
  internal?: boolean;
};

export function defineJobType<TParams extends z.ZodType>(def: TJobTypeDefinition<TParams>): TJobTypeDefinition<TParams> {
  if (def.priority < 1 || def.priority > 10) throw new Error(`${def.name}: priority must be 1..10`);
  if (def.softTimeoutSeconds > def.hardTimeoutSeconds) throw new Error(`${def.name}: soft timeout exceeds hard timeout`);
  return def;
}
