import "server-only";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client.ts";
import { decodeCursor, encodeCursor, likePattern } from "../pagination/keyset-cursor";
import { ZListJobsInput, type TJobStatus, type TListJobsInput } from "./schema";

export type TJobListItem = {
  id: string; type: string; queue: string; priority: number; status: TJobStatus; attempt: number; maxAttempts: number;
  progress: number; progressMessage: string | null; errorMessage: string | null; userId: string;
  createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
};

/** The jobs list: the caller's org only, newest first, keyset-paginated (stable under inserts). */
export async function findJobs(orgId: string, rawInput: TListJobsInput): Promise<{ items: TJobListItem[]; nextCursor: string | null }> {
  const input = ZListJobsInput.parse(rawInput);
  const where: Prisma.Sql[] = [Prisma.sql`"orgId" = ${orgId}`];
  if (input.status?.length) where.push(Prisma.sql`status::text IN (${Prisma.join(input.status)})`);
  if (input.type) where.push(Prisma.sql`type = ${input.type}`);
  if (input.queue) where.push(Prisma.sql`queue = ${input.queue}`);
  if (input.text) {
    const like = likePattern(input.text);
    where.push(Prisma.sql`(id::text = ${input.text} OR type ILIKE ${like} OR "errorMessage" ILIKE ${like} OR params::text ILIKE ${like})`);
  }
  if (input.cursor) {
    const { createdAt, id } = decodeCursor(input.cursor);
    where.push(Prisma.sql`("createdAt", id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db().$queryRaw<TJobListItem[]>(Prisma.sql`
    SELECT id::text, type, queue, priority, status::text AS status, attempt, "maxAttempts", progress, "progressMessage",
      "errorMessage", "userId", "createdAt", "startedAt", "finishedAt"
    FROM "Job" WHERE ${Prisma.join(where, " AND ")}
    ORDER BY "createdAt" DESC, id DESC LIMIT ${input.limit + 1}`);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
