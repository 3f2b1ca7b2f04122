import "server-only";
import { db } from "../db/client";
import { notFound } from "../errors";

/** One job with its attempts, in the caller's org (another org's job is simply not found). */
export async function getJob(orgId: string, id: string) {
  const job = await db().job.findFirst({
    where: { id, orgId },
    include: { attempts: { orderBy: { attempt: "asc" } } },
  });
  if (!job) throw notFound("job");
  return job;
}
export type TJobDetail = Awaited<ReturnType<typeof getJob>>;
