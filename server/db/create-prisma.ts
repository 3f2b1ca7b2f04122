import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client.ts";

export type TDb = PrismaClient;
/** The client inside db().$transaction(async (tx) => …). */
export type TTx = Prisma.TransactionClient;

/** A Prisma client over the pg driver adapter (no native engine needed). */
export function createPrisma(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter });
}
