// Applies pending migrations from prisma/migrations, recording them in _prisma_migrations
// exactly as `prisma migrate deploy` does.
import { noFilters, withSchemaEngine } from "./engine-session";
import { connectClient, parseDatabaseUrl } from "./pg-connection";
import { readMigrations } from "./project-files";

/**
 * Our own lock key. Not Prisma's 72707369: the engine takes that one itself on a pooled
 * connection, with a short timeout that a second deployer would hit while the first is running.
 */
const DEPLOY_LOCK_KEY = 7270736901;

export async function deployMigrations(databaseUrl: string): Promise<{ applied: string[] }> {
  const config = parseDatabaseUrl(databaseUrl);
  const lockClient = await connectClient(config);
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [DEPLOY_LOCK_KEY]);
    // The engine session ends its pools (and so its own lock) before we unlock below.
    const applied = await withSchemaEngine(databaseUrl, "Applying migrations", async (engine) => {
      const migrationsList = await readMigrations();
      const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return out.appliedMigrationNames;
    });
    return { applied };
  } finally {
    // Ending the session releases the advisory lock even if the unlock query is skipped.
    await lockClient.end().catch(() => {});
  }
}
