import "server-only";
import { db } from "../db/client";

const TABLES = ['"Job"', '"JobAttempt"', '"Worker"', '"QueueControl"'];

/** Refreshes planner statistics; VACUUM (ANALYZE) when asked. Returns the tables touched. */
export async function maintainDatabase(options: { vacuum: boolean }): Promise<{ tables: string[]; vacuum: boolean }> {
  for (const table of TABLES) {
    // VACUUM cannot run inside a transaction; Prisma's raw execute runs it on its own.
    await db().$executeRawUnsafe(`${options.vacuum ? "VACUUM (ANALYZE)" : "ANALYZE"} ${table}`);
  }
  return { tables: TABLES.map((t) => t.replaceAll('"', "")), vacuum: options.vacuum };
}
