import "server-only";
import type { TCaller } from "@/server/auth/caller";
import { cancelJobs } from "@/server/jobs/cancel-jobs";
import { findJobs } from "@/server/jobs/find-jobs";
import { retryJobs } from "@/server/jobs/retry-jobs";
import type { TJobStatus } from "@/server/jobs/schema";
import { BULK_MATCH_LIMIT, type TBulkAction, type TJobsFilter } from "./schema";

const ACTIONABLE: Record<TBulkAction, TJobStatus[]> = { cancel: ["queued", "active"], retry: ["failed", "cancelled"] };
const PAGE = 200;
const CHUNK = 1000;

export type TBulkResult = { matched: number; affected: string[]; truncated: boolean };

/**
 * Cancels or retries every job of the caller's org that matches the jobs list's filters (the same query as the
 * list, so "matching" means what the page shows), narrowed to the states the action applies to. The cancel and
 * retry services still check each row (ownership for members, state) inside their own transactions.
 */
export async function applyToMatchingJobs(caller: TCaller, filter: TJobsFilter, action: TBulkAction): Promise<TBulkResult> {
  const statuses = filter.status?.length ? filter.status.filter((s) => ACTIONABLE[action].includes(s)) : ACTIONABLE[action];
  if (statuses.length === 0) return { matched: 0, affected: [], truncated: false };

  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await findJobs(caller.orgId, { ...filter, status: statuses, limit: PAGE, cursor });
    ids.push(...page.items.map((j) => j.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < BULK_MATCH_LIMIT);
  const selected = ids.slice(0, BULK_MATCH_LIMIT);

  const affected: string[] = [];
  for (let i = 0; i < selected.length; i += CHUNK) {
    const chunk = selected.slice(i, i + CHUNK);
    affected.push(...(action === "cancel" ? (await cancelJobs(caller, chunk)).cancelled : (await retryJobs(caller, chunk)).retried));
  }
  return { matched: selected.length, affected, truncated: ids.length > BULK_MATCH_LIMIT || cursor !== undefined };
}
