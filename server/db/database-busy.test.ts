import pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseBusy } from "./database-busy";

const URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe("isDatabaseBusy", () => {
  it("recognises a real pg pool that found no free connection in time", async () => {
    const pool = new pg.Pool({ connectionString: URL, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const error = await pool.query("SELECT 1").then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseBusy(error)).toBe(true);
      expect(isDatabaseBusy(new Error("wrapped", { cause: error }))).toBe(true);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it("recognises Prisma's transaction wait (P2028) and nothing else", () => {
    expect(isDatabaseBusy(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
    expect(isDatabaseBusy(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
  });
});
