import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { diffDatabaseToSchema } from "../../scripts/db/check-drift";
import { deployMigrations } from "../../scripts/db/deploy-migrations";

// Migrations (applied by the wasm schema engine) must produce exactly what schema.prisma describes,
// and the drift check must notice when they do not. Each case gets its own throwaway database.

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("DATABASE_URL must point at a PostgreSQL server for this test");

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const created: string[] = [];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named database on the DATABASE_URL server and returns its URL. */
async function freshDatabase(): Promise<string> {
  const name = `mb_schema_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await withClient(serverUrl!, (c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.href;
}

async function tablesIn(url: string, schema: string): Promise<string[]> {
  const { rows } = await withClient(url, (c) =>
    c.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    ),
  );
  return rows.map((r) => r.table_name);
}

afterAll(async () => {
  for (const name of created) {
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
});

describe("database schema migrations", () => {
  it("has a migration history to test", () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(migrationNames.some((n) => n.endsWith("_init"))).toBe(true);
  });

  it("deploys onto a fresh database, matches schema.prisma, and is idempotent", async () => {
    const url = await freshDatabase();
    // pg-boss's tables live in schema "pgboss" of the same database: deploy and check must ignore them.
    await withClient(url, (c) => c.query("CREATE SCHEMA pgboss; CREATE TABLE pgboss.job (id uuid PRIMARY KEY)"));

    const first = await deployMigrations(url);
    expect(first.applied).toEqual(migrationNames);
    expect(await tablesIn(url, "public")).toEqual(
      expect.arrayContaining(["Job", "JobAttempt", "QueueControl", "Worker", "_prisma_migrations"]),
    );
    const { rows } = await withClient(url, (c) =>
      c.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1"),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);

    expect(await diffDatabaseToSchema(url)).toBe("");
    expect(await deployMigrations(url)).toEqual({ applied: [] });
    expect(await tablesIn(url, "pgboss")).toEqual(["job"]);
  });

  it("applies each migration once when two deploys race", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([deployMigrations(url), deployMigrations(url)]);
    expect(results.map((r) => r.applied).flat().sort()).toEqual(migrationNames);
    const { rows } = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM _prisma_migrations"));
    expect(rows[0].n).toBe(migrationNames.length);
  });

  it("reports drift when the database lost a column", async () => {
    const url = await freshDatabase();
    await deployMigrations(url);
    await withClient(url, (c) => c.query('ALTER TABLE "Job" DROP COLUMN "progressMessage"'));

    const diff = await diffDatabaseToSchema(url);
    expect(diff).not.toBe("");
    expect(diff).toContain('"progressMessage"');
    expect(diff).toMatch(/ALTER TABLE "Job" ADD COLUMN/);
  });
});
