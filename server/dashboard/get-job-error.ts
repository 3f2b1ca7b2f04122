import "server-only";
import { db } from "@/server/db/client";
import { notFound } from "@/server/errors";

/** The error of one job of the org, stack included (jobs.get leaves the stack out). */
export async function getJobError(orgId: string, id: string): Promise<{ errorMessage: string | null; errorStack: string | null }> {
  const job = await db().job.findFirst({ where: { id, orgId }, select: { errorMessage: true, errorStack: true } });
  if (!job) throw notFound("job");
  return job;
}
