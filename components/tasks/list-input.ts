import type { TTaskStatus } from "@/server/evaluation/tasks/task-schema";

export type TTaskFilters = { status: TTaskStatus | ""; agent: string; repository: string; text: string };

export const DEFAULT_TASK_FILTERS: TTaskFilters = { status: "", agent: "", repository: "", text: "" };
export const TASK_PAGE_SIZE = 25;

/** The tasks.list input for a set of filters: the page prefetches with it, the client queries with it (same key). */
export function taskListInput(filters: TTaskFilters, limit = TASK_PAGE_SIZE) {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    limit,
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.agent ? { agent: filters.agent } : {}),
    ...(trimmed(filters.repository) ? { repository: trimmed(filters.repository) } : {}),
    ...(trimmed(filters.text) ? { text: trimmed(filters.text) } : {}),
  };
}

/** Initial filters from the page's search params (?status=running&agent=sim-weak), ignoring unknown values. */
export function taskFiltersFrom(params: Record<string, string | string[] | undefined>, statuses: readonly string[]): TTaskFilters {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : "");
  const status = one("status");
  return {
    status: statuses.includes(status) ? (status as TTaskStatus) : "",
    agent: /^[a-z0-9][a-z0-9._-]{0,63}$/.test(one("agent")) ? one("agent") : "",
    repository: one("repository"),
    text: one("q"),
  };
}
