import type { TQueueName } from "@/server/jobs/queues";
import type { TJobStatus } from "@/server/jobs/schema";

export type TJobFilters = { status: TJobStatus | ""; type: string; queue: TQueueName | ""; text: string };

export const DEFAULT_FILTERS: TJobFilters = { status: "", type: "", queue: "", text: "" };
export const PAGE_SIZE = 25;

/**
 * The jobs.list input for a set of filters. The server page prefetches with it and the client queries with it,
 * so both produce the same query key and the prefetched page is reused.
 */
export function listInput(filters: TJobFilters) {
  return { limit: PAGE_SIZE, ...filterInput(filters) };
}

/** The filters alone (no paging): what "everything matching" means for bulk actions. */
export function filterInput(filters: TJobFilters) {
  return {
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.queue ? { queue: filters.queue } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
  };
}

/** Keyset pagination: the server hands back the cursor of the next page, or null at the end. */
export const nextCursorOf = (lastPage: { nextCursor: string | null }) => lastPage.nextCursor ?? undefined;

/** Initial filters from the page's search params (?status=failed&queue=default&q=…), ignoring unknown values. */
export function jobFiltersFrom(params: Record<string, string | string[] | undefined>, statuses: readonly string[], queues: readonly string[]): TJobFilters {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
  return {
    status: statuses.includes(one("status")) ? (one("status") as TJobStatus) : "",
    type: one("type").slice(0, 100),
    queue: queues.includes(one("queue")) ? (one("queue") as TQueueName) : "",
    text: one("q").slice(0, 200),
  };
}
