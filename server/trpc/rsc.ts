import "server-only";
import { dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
// The one server → components import: the query client must be configured identically on both sides of hydration.
import { makeQueryClient } from "@/components/providers/query-client";
import { createContext } from "./context";
import { appRouter } from "./root";

/** One query client per server request (React's cache is request-scoped). */
export const getQueryClient = cache(makeQueryClient);

/** Options proxy for server components: `await getQueryClient().prefetchQuery(trpc.jobs.list.queryOptions(...))`. */
export const trpc = createTRPCOptionsProxy({
  ctx: async () => createContext({ headers: await headers() }),
  router: appRouter,
  queryClient: getQueryClient,
});

/** The request's prefetched cache, for <HydrationBoundary state={…}>. */
export function dehydrated() {
  return dehydrate(getQueryClient());
}
