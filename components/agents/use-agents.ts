"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";

/** The deployment's agents (installed state probed by the server and cached there); shared by every label and picker. */
export function useAgents() {
  const trpc = useTRPC();
  return useQuery(trpc.agents.list.queryOptions(undefined, { staleTime: 60_000 }));
}
