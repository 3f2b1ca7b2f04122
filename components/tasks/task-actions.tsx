"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";

type TTaskActionsProps = { task: { id: string; title: string | null; canCancel: boolean; canRetry: boolean }; size?: "sm" | "md" };

/** Cancel (open tasks) and Retry (finished ones: re-runs failed or cancelled runs); shown only when allowed. */
export function TaskActions({ task, size = "sm" }: TTaskActionsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.tasks.list.pathFilter());
    void queryClient.invalidateQueries(trpc.tasks.get.queryFilter({ id: task.id }));
  };
  const cancel = useMutation(trpc.tasks.cancel.mutationOptions({ onSettled: refresh }));
  const retry = useMutation(trpc.tasks.retry.mutationOptions({ onSettled: refresh }));
  const error = cancel.error ?? retry.error;
  const name = task.title ?? task.id.slice(0, 8);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-1">
        {task.canCancel ? (
          <Button size={size} variant="danger" aria-label={`Cancel task ${name}`} disabled={cancel.isPending} onClick={() => cancel.mutate({ id: task.id })}>
            {cancel.isPending ? "Cancelling…" : "Cancel"}
          </Button>
        ) : null}
        {task.canRetry ? (
          <Button size={size} aria-label={`Retry task ${name}`} disabled={retry.isPending} onClick={() => retry.mutate({ id: task.id })}>
            {retry.isPending ? "Retrying…" : "Retry"}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="max-w-60 text-right text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
