import { db } from "@/server/db/client";
import type { THandlerContext } from "../handler-context";

/** Whether this attempt is the job's last: a run or judge that fails now will not be retried by the queue. */
export async function isLastAttempt(ctx: Pick<THandlerContext, "jobId" | "attempt">): Promise<boolean> {
  const job = await db().job.findUnique({ where: { id: ctx.jobId }, select: { maxAttempts: true } });
  return !job || ctx.attempt >= job.maxAttempts;
}
