"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";

/** The error message, and for admins the stack (read through dashboard.jobError: jobs.get leaves stacks out). */
export function JobError({ id, message }: { id: string; message: string }) {
  const trpc = useTRPC();
  const stack = useQuery(trpc.dashboard.jobError.queryOptions({ id }, { retry: false }));
  return (
    <div className="flex flex-col gap-2">
      <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">{message}</p>
      {stack.data?.errorStack ? (
        <details open>
          <summary className="cursor-pointer text-sm font-medium">Stack trace</summary>
          <pre aria-label="Stack trace" tabIndex={0} className="mt-2 max-h-96 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-950">
            {stack.data.errorStack}
          </pre>
        </details>
      ) : null}
      {stack.isError ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {stack.error.data?.code === "FORBIDDEN" ? "Stack traces are shown to admins." : `Stack trace unavailable: ${stack.error.message}`}
        </p>
      ) : null}
    </div>
  );
}
