import "server-only";
import type { TTx } from "@/server/db/create-prisma";
import { submitJob } from "@/server/jobs/submit-job";

export type TTaskOwner = { orgId: string; teamId: string | null; userId: string };

/**
 * Queues the next pipeline job inside the caller's transaction, so a state change and the job that acts on it
 * commit together. Jobs belong to the task's owner, so they show in that org's job list.
 */
export async function enqueueStep(
  tx: TTx,
  owner: TTaskOwner,
  type: "eval.prepare" | "eval.run" | "eval.judge" | "eval.finish",
  params: { taskId: string; runId?: string },
  priority?: number,
): Promise<string> {
  const { id } = await submitJob(owner, { type, params, ...(priority ? { priority } : {}) }, { tx });
  return id;
}
