import "server-only";
import { db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client.ts";
import { THROUGHPUT_RANGES, type TThroughputRange } from "./schema";

export type TThroughputPoint = { at: Date; completed: number; failed: number; tasksFinished: number };
export type TThroughput = { range: TThroughputRange; bucketSeconds: number; points: TThroughputPoint[] };

type TBucketRow = { bucket: bigint; completed: bigint; failed: bigint };

/**
 * Finished jobs (completed / failed) per time bucket of the org, optionally of one queue, and finished tasks
 * per bucket (all queues only). Every bucket of the window is present, empty ones as zeros.
 */
export async function getThroughput(orgId: string, range: TThroughputRange, queue?: string, now = new Date()): Promise<TThroughput> {
  const { seconds, bucketSeconds } = THROUGHPUT_RANGES[range];
  const last = Math.floor(now.getTime() / 1000 / bucketSeconds);
  const first = last - Math.ceil(seconds / bucketSeconds) + 1;
  const since = new Date(first * bucketSeconds * 1000);
  const bucketOf = (column: string) => Prisma.raw(`floor(extract(epoch from "${column}") / ${bucketSeconds})::bigint`);
  const [jobs, tasks] = await Promise.all([
    db().$queryRaw<TBucketRow[]>(Prisma.sql`
      SELECT ${bucketOf("finishedAt")} AS bucket,
        count(*) FILTER (WHERE status = 'completed') AS completed, count(*) FILTER (WHERE status = 'failed') AS failed
      FROM "Job"
      WHERE "orgId" = ${orgId} AND "finishedAt" >= ${since} AND status IN ('completed', 'failed')
        ${queue ? Prisma.sql`AND queue = ${queue}` : Prisma.empty}
      GROUP BY 1`),
    queue
      ? Promise.resolve([] as TBucketRow[])
      : db().$queryRaw<TBucketRow[]>(Prisma.sql`
          SELECT ${bucketOf("finishedAt")} AS bucket,
            count(*) FILTER (WHERE status = 'completed') AS completed, count(*) FILTER (WHERE status = 'failed') AS failed
          FROM "Task"
          WHERE "orgId" = ${orgId} AND "finishedAt" >= ${since} AND status IN ('completed', 'failed')
          GROUP BY 1`),
  ]);
  const jobsBy = new Map(jobs.map((r) => [Number(r.bucket), r]));
  const tasksBy = new Map(tasks.map((r) => [Number(r.bucket), r]));
  const points: TThroughputPoint[] = [];
  for (let b = first; b <= last; b++) {
    const job = jobsBy.get(b);
    const task = tasksBy.get(b);
    points.push({
      at: new Date(b * bucketSeconds * 1000),
      completed: Number(job?.completed ?? 0),
      failed: Number(job?.failed ?? 0),
      tasksFinished: Number(task?.completed ?? 0) + Number(task?.failed ?? 0),
    });
  }
  return { range, bucketSeconds, points };
}
