import type { TJobStatus } from "@/server/jobs/schema";

export type TJobFilters = { status: TJobStatus | ""; type: string; text: string };

export const DEFAULT_FILTERS: TJobFilters = { status: "", type: "", text: "" };
export const PAGE_SIZE = 25;

/**
 * The jobs.list input for a set of filters. The server page prefetches with it and the client queries with it,
 * so both produce the same query key and the prefetched page is reused.
 */
export function listInput(filters: TJobFilters) {
  return {
    limit: PAGE_SIZE,
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
  };
}

/** Keyset pagination: the server hands back the cursor of the next page, or null at the end. */
export const nextCursorOf = (lastPage: { nextCursor: string | null }) => lastPage.nextCursor ?? undefined;
