import { ZLeaderboardFilter, type TLeaderboardFilterInput } from "@/server/evaluation/leaderboard/leaderboard-filter";

// The leaderboard's filters as the form holds them (strings) and as the URL carries them (?repository=…&from=…).
export const FILTER_KEYS = ["repository", "teamId", "taskId", "from", "to"] as const;
export type TFilterKey = (typeof FILTER_KEYS)[number];
export type TFilterValues = Record<TFilterKey, string>;

export function filterValuesFrom(params: Record<string, string | string[] | undefined>): TFilterValues {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, typeof params[k] === "string" ? params[k] : ""])) as TFilterValues;
}

/** Only the filled-in fields: the query input, the export link and the URL all use this. */
export function filterInput(values: TFilterValues): TLeaderboardFilterInput {
  return Object.fromEntries(FILTER_KEYS.flatMap((k) => (values[k].trim() ? [[k, values[k].trim()]] : []))) as TLeaderboardFilterInput;
}

/** ZLeaderboardFilter (the procedure's own schema) judges the form: first message per field. */
export function validateFilters(values: TFilterValues): Record<string, string> {
  const parsed = ZLeaderboardFilter.safeParse(filterInput(values));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "to")] ??= issue.message;
  return errors;
}

export function filterQueryString(values: TFilterValues, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ ...extra, ...(filterInput(values) as Record<string, string>) }).toString();
}
