import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * 4xx answers (not found, invalid id, forbidden) will not change on a retry: show them at once; retry the rest in
 * the browser. Never on the server: a prefetch that fails leaves the query to the client instead of delaying the page.
 */
function retryServerErrors(failureCount: number, error: unknown): boolean {
  if (typeof window === "undefined") return false;
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return !(status !== undefined && status >= 400 && status < 500) && failureCount < 3;
}

// Shared by the browser and server components. staleTime > 0 so data prefetched on the server is not refetched
// the moment it hydrates; superjson keeps Dates as Dates across the RSC boundary.
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: retryServerErrors },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
