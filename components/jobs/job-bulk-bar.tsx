"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import type { TBulkAction } from "@/server/dashboard/schema";
import { filterInput, type TJobFilters } from "./list-input";

type TProps = { selected: string[]; filters: TJobFilters; onDone: () => void };

const VERB: Record<TBulkAction, { done: string; states: string }> = {
  cancel: { done: "Cancelled", states: "queued or active" },
  retry: { done: "Retried", states: "failed or cancelled" },
};

/** Cancel or retry the selected jobs, or every job matching the filters (after an inline confirmation). */
export function JobBulkBar({ selected, filters, onDone }: TProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<TBulkAction | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const settle = () => {
    void queryClient.invalidateQueries(trpc.jobs.list.pathFilter());
    void queryClient.invalidateQueries(trpc.queues.list.pathFilter());
  };
  const report = (action: TBulkAction, affected: number, of: number, what: string) => {
    setResult(`${VERB[action].done} ${affected} of ${of} ${what}.`);
    onDone();
  };
  const bulkCancel = useMutation(trpc.jobs.bulkCancel.mutationOptions({ onSettled: settle, onSuccess: (r, v) => report("cancel", r.cancelled.length, v.ids.length, "selected jobs") }));
  const bulkRetry = useMutation(trpc.jobs.bulkRetry.mutationOptions({ onSettled: settle, onSuccess: (r, v) => report("retry", r.retried.length, v.ids.length, "selected jobs") }));
  const matching = useMutation(
    trpc.dashboard.bulkJobs.mutationOptions({
      onSettled: settle,
      onSuccess: (r, v) => {
        setConfirming(null);
        report(v.action, r.affected.length, r.matched, `matching ${VERB[v.action].states} jobs${r.truncated ? " (the first batch; run it again for the rest)" : ""}`);
      },
    }),
  );
  const pending = bulkCancel.isPending || bulkRetry.isPending || matching.isPending;
  const error = bulkCancel.error ?? bulkRetry.error ?? matching.error;
  const none = selected.length === 0;

  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-950">
      <span className="mr-1 text-zinc-600 dark:text-zinc-400">{selected.length} selected</span>
      <Button size="sm" variant="danger" disabled={none || pending} onClick={() => bulkCancel.mutate({ ids: selected })}>
        Cancel selected
      </Button>
      <Button size="sm" disabled={none || pending} onClick={() => bulkRetry.mutate({ ids: selected })}>
        Retry selected
      </Button>
      <span aria-hidden className="mx-1 h-4 w-px bg-zinc-300 dark:bg-zinc-700" />
      {confirming ? (
        <span className="flex flex-wrap items-center gap-2">
          <span>
            {confirming === "cancel" ? "Cancel" : "Retry"} every {VERB[confirming].states} job matching the filters?
          </span>
          <Button size="sm" variant={confirming === "cancel" ? "danger" : "primary"} disabled={pending}
            onClick={() => matching.mutate({ action: confirming, filter: filterInput(filters) })}>
            {pending ? "Working…" : `Yes, ${confirming} all matching`}
          </Button>
          <Button size="sm" disabled={pending} onClick={() => setConfirming(null)}>
            Keep them
          </Button>
        </span>
      ) : (
        <>
          <Button size="sm" variant="danger" disabled={pending} onClick={() => { setConfirming("cancel"); setResult(null); }}>
            Cancel all matching…
          </Button>
          <Button size="sm" disabled={pending} onClick={() => { setConfirming("retry"); setResult(null); }}>
            Retry all matching…
          </Button>
        </>
      )}
      {result ? (
        <p role="status" className="basis-full text-xs text-emerald-700 dark:text-emerald-400">
          {result}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="basis-full text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
