import type { TCaller } from "@/server/auth/caller";
import { canActOn } from "@/server/auth/permissions";
import type { TJobTypeDefinition } from "@/server/jobs/define-job";
import type { TJobStatus } from "@/server/jobs/schema";

// Mirrors the services' own checks (cancel-jobs.ts, retry-jobs.ts) so the UI only offers what will succeed.
// The services stay the authority; this only decides which buttons to show.
export function jobActions(caller: TCaller, job: { userId: string; status: TJobStatus }): { canCancel: boolean; canRetry: boolean } {
  const mine = canActOn(caller, job);
  return {
    canCancel: mine && (job.status === "queued" || job.status === "active"),
    canRetry: mine && (job.status === "failed" || job.status === "cancelled"),
  };
}

/** Scheduled (maintenance) types act on every org's rows, e.g. retention, so only admins may start them by hand. */
export function canSubmitType(caller: TCaller, type: Pick<TJobTypeDefinition, "cron" | "internal">): boolean {
  if (caller.role === "viewer" || type.internal) return false;
  return type.cron === undefined || caller.role === "admin";
}
