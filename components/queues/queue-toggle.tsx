"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import type { TQueueName } from "@/server/jobs/queues";

export function QueueToggle({ name, paused }: { name: TQueueName; paused: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = { onSettled: () => void queryClient.invalidateQueries(trpc.queues.list.pathFilter()) };
  const pause = useMutation(trpc.queues.pause.mutationOptions(options));
  const resume = useMutation(trpc.queues.resume.mutationOptions(options));
  const pending = pause.isPending || resume.isPending;
  const error = pause.error ?? resume.error;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant={paused ? "primary" : "secondary"}
        aria-label={paused ? `Resume queue ${name}` : `Pause queue ${name}`}
        disabled={pending}
        onClick={() => (paused ? resume : pause).mutate({ name })}
      >
        {paused ? "Resume" : "Pause"}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
