"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { TJobListItemView } from "@/server/trpc/routers/jobs/list-jobs.schema";

/** Cancel / Retry for one row; shown only when the server says the caller may (canCancel / canRetry). */
export function JobActions({ job }: { job: TJobListItemView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.jobs.list.pathFilter());
    void queryClient.invalidateQueries(trpc.queues.list.pathFilter());
    void queryClient.invalidateQueries(trpc.jobs.get.queryFilter({ id: job.id })); // the detail page stops polling once finished
  };
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSettled: refresh }));
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSettled: refresh }));
  const error = cancel.error ?? retry.error;
  const shortId = job.id.slice(0, 8);

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-1">
        {job.canCancel ? (
          <Button size="sm" variant="danger" aria-label={`Cancel job ${shortId}`} disabled={cancel.isPending} onClick={() => cancel.mutate({ id: job.id })}>
            {cancel.isPending ? "Cancelling…" : "Cancel"}
          </Button>
        ) : null}
        {job.canRetry ? (
          <Button size="sm" aria-label={`Retry job ${shortId}`} disabled={retry.isPending} onClick={() => retry.mutate({ id: job.id })}>
            {retry.isPending ? "Retrying…" : "Retry"}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="max-w-48 text-right text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
