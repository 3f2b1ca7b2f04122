import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { TaskDetail } from "@/components/tasks/task-detail";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "Task" };
export const dynamic = "force-dynamic";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.tasks.get.queryOptions({ id })), queryClient.prefetchQuery(trpc.agents.list.queryOptions())]);
  return (
    <HydrationBoundary state={dehydrated()}>
      <TaskDetail id={id} />
    </HydrationBoundary>
  );
}
