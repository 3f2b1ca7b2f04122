import { randomBytes } from "node:crypto";
import pg from "pg";

// A fresh database per test run: runs never see each other's rows, and a developer's data is never touched.

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `mb_test_<UTC yyyymmddhhmmss>_<random>` on the server of `serverUrl`. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const name = `mb_test_${stamp}_${randomBytes(3).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    // FORCE (PostgreSQL 13+) ends connections that killed test processes may have left behind.
    drop: async () => {
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/** Connects to the database named in serverUrl, or to "postgres" when that one does not exist (yet). */
async function withAdminClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  let client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: invalid_catalog_name
    const fallback = new URL(serverUrl);
    fallback.pathname = "/postgres";
    client = new pg.Client({ connectionString: fallback.href });
    await client.connect();
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
