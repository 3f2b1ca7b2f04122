import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { env } from "../config/env";
import { logger } from "../logger";

// A plain pg pool for the job system's hot SQL (the worker's tracking writes, coalesced notifications): the same
// statements through Prisma's raw queries cost the tracked drain about a third of its throughput (measured with
// bench:queue). Everything else stays on Prisma. One per process, created on first use; the worker closes it on shutdown.
const holder = globalThis as unknown as { __mbPgPool?: pg.Pool };

export type TPgQueryable = Pick<pg.Pool | pg.PoolClient, "query">;

export function pgPool(): pg.Pool {
  if (!holder.__mbPgPool) {
    const pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 10_000,
      application_name: `memory-break-${process.env.MB_SERVICE ?? "web"}`,
    });
    // An idle connection dropped by the server (restart, network) must not crash the process; the pool replaces it.
    pool.on("error", (error: Error & { code?: string }) => logger.warn({ message: error.message, code: error.code }, "pg pool: idle connection lost"));
    holder.__mbPgPool = pool;
  }
  return holder.__mbPgPool;
}

/**
 * A read the API serves hundreds of times a second, as a named prepared statement: each connection parses and plans
 * it once, not per call (planning the task detail costs PostgreSQL more than running it: 0.3–0.4 ms against 0.2–0.3).
 * The name comes from the text, so statements built with different filters are separate, each prepared once.
 */
export function preparedQuery<R extends pg.QueryResultRow>(text: string, values: unknown[], pool: pg.Pool = pgPool()): Promise<pg.QueryResult<R>> {
  return pool.query<R>({ name: `mb_${createHash("sha1").update(text).digest("base64url").slice(0, 20)}`, text, values });
}

export async function closePgPool(): Promise<void> {
  const pool = holder.__mbPgPool;
  holder.__mbPgPool = undefined;
  await pool?.end();
}

/** Runs `fn` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function withPgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken); // a connection that could not roll back is closed, not reused
  }
}

/** pg-boss's `{ db }` adapter over a pg client, so pg-boss statements join the caller's transaction. */
export const bossDb = (client: TPgQueryable) => ({
  executeSql: (text: string, values?: unknown[]) => client.query(text, values),
});
