import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client.ts";

export type TDb = PrismaClient;
/** The client inside db().$transaction(async (tx) => …). */
export type TTx = Prisma.TransactionClient;

/** A Prisma client over the pg driver adapter (no native engine needed). */
export function createPrisma(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // Interactive transactions wait for a connection as long as a plain query does (Prisma's default is 2 s): under a
  // burst, a submit queues for a pooled connection instead of failing; past the wait it is a 503 (server/db/database-busy.ts).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
}
