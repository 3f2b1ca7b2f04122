// Loaded with `--import` into the app's worker by compare.ts ("app worker, raw SQL over pg"): the worker's db() then
// runs $queryRawUnsafe / $executeRawUnsafe / interactive $transaction on a plain pg pool, everything else on Prisma.
// Same app code and SQL (markStarted, settleJobs), minus Prisma's per-query cost: that difference is what is measured.
import pg from "pg";
import { createPrisma } from "../../server/db/create-prisma";

type TRaw = { $queryRawUnsafe(sql: string, ...args: unknown[]): Promise<unknown>; $executeRawUnsafe(sql: string, ...args: unknown[]): Promise<number> };

const url = process.env.DATABASE_URL!;
const prisma = createPrisma(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

const rawOn = (q: pg.Pool | pg.PoolClient): TRaw => ({
  $queryRawUnsafe: async (sql, ...args) => (await q.query(sql, args)).rows,
  $executeRawUnsafe: async (sql, ...args) => (await q.query(sql, args)).rowCount ?? 0,
});

async function transaction(fn: (tx: TRaw) => Promise<unknown>): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(rawOn(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const raw = rawOn(pool);
const shim = new Proxy(prisma, {
  get(target, key, receiver) {
    if (key === "$queryRawUnsafe" || key === "$executeRawUnsafe") return raw[key];
    // The array form ($transaction([...]) of Prisma queries) stays on Prisma.
    if (key === "$transaction") return (arg: unknown, ...rest: unknown[]) => (typeof arg === "function" ? transaction(arg as never) : target.$transaction(arg as never, ...(rest as [])));
    if (key === "$disconnect") return async () => (await pool.end(), await target.$disconnect());
    return Reflect.get(target, key, receiver);
  },
});
(globalThis as unknown as { __mbPrisma?: unknown }).__mbPrisma = shim; // what server/db/client.ts's db() returns
