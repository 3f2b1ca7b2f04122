import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NewTaskForm } from "@/components/tasks/new-task-form";
import { dehydrated, getQueryClient, trpc } from "@/server/trpc/rsc";

export const metadata: Metadata = { title: "New task" };
export const dynamic = "force-dynamic";

export default async function NewTaskPage() {
  await getQueryClient().prefetchQuery(trpc.agents.list.queryOptions());
  return (
    <HydrationBoundary state={dehydrated()}>
      <div className="flex flex-col gap-6">
        <PageHeader title="New task" />
        <NewTaskForm />
      </div>
    </HydrationBoundary>
  );
}
