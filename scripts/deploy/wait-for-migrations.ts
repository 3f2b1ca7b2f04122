// Waits until DATABASE_URL has every migration this build ships, then exits 0 (exit 1 after the timeout).
// Kubernetes runs it as the init container of the web and worker pods, so they never start against an older
// schema while the migration Job is still running. It only reads: applying is the Job's work (scripts/db/migrate.ts).
//
//   tsx scripts/deploy/wait-for-migrations.ts [--timeout SECONDS]     (default MIGRATIONS_WAIT_SECONDS or 600)
import { DbScriptError } from "../db/errors";
import { connectClient, parseDatabaseUrl } from "../db/pg-connection";
import { readMigrations } from "../db/project-files";
import { runMain } from "../run-main";

const POLL_MS = 2000;

function timeoutSeconds(argv: string[]): number {
  const flag = argv.indexOf("--timeout");
  const raw = flag >= 0 ? argv[flag + 1] : process.env.MIGRATIONS_WAIT_SECONDS;
  const value = raw === undefined || raw === "" ? 600 : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new DbScriptError(`--timeout must be a number of seconds (got "${raw}").`);
  return value;
}

/** The shipped migrations that the database has not finished yet ([] = up to date). */
async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const expected = (await readMigrations()).migrationDirectories.map((d) => d.path);
  const client = await connectClient(parseDatabaseUrl(databaseUrl));
  try {
    const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists`);
    if (!table.rows[0]?.exists) return expected;
    const done = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(done.rows.map((row) => row.migration_name));
    return expected.filter((name) => !applied.has(name));
  } finally {
    await client.end().catch(() => {});
  }
}

runMain(async () => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new DbScriptError("DATABASE_URL is not set.");
  const deadline = Date.now() + timeoutSeconds(process.argv.slice(2)) * 1000;
  let last = "";
  for (;;) {
    const status = await pendingMigrations(databaseUrl).then(
      (pending) => (pending.length === 0 ? undefined : `waiting for ${pending.length} migration(s): ${pending.join(", ")}`),
      (error: Error) => `database not reachable yet: ${error.message}`,
    );
    if (status === undefined) {
      console.log("[migrations] the database has every migration of this build");
      return 0;
    }
    if (status !== last) console.log(`[migrations] ${status}`);
    last = status;
    if (Date.now() >= deadline) {
      console.error(`[migrations] gave up: ${status}`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
});
