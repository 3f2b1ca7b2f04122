import type { SendOptions } from "pg-boss";
import type { TJobTypeDefinition } from "./define-job";

export type TSendOverrides = { priority?: number; retryLimit?: number; timeoutSeconds?: number; startAfterSeconds?: number };

/** pg-boss send options for one job of a type, with the caller's overrides applied within the type's bounds. */
export function sendOptionsFor(type: TJobTypeDefinition, overrides: TSendOverrides = {}): SendOptions {
  return {
    priority: overrides.priority ?? type.priority,
    retryLimit: overrides.retryLimit ?? type.retry.limit,
    retryDelay: type.retry.delaySeconds,
    retryBackoff: type.retry.backoff,
    ...(type.retry.maxDelaySeconds ? { retryDelayMax: type.retry.maxDelaySeconds } : {}),
    expireInSeconds: Math.min(overrides.timeoutSeconds ?? type.hardTimeoutSeconds, type.hardTimeoutSeconds),
    ...(overrides.startAfterSeconds ? { startAfter: overrides.startAfterSeconds } : {}),
  };
}
