// Writes a new migration folder for the difference between the migrations folder and
// schema.prisma. The wasm createMigration cannot reach a shadow database factory, so this
// replays the migrations into our own shadow database via diff instead.
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { normalizeScript } from "./check-drift";
import { noFilters, withSchemaEngine } from "./engine-session";
import { readMigrations, readSchema, writeMigration } from "./project-files";

export interface CreatedMigration {
  /** Folder name under prisma/migrations, or null when schema.prisma matched the migrations. */
  folder: string | null;
  sql: string;
}

/** Generates the SQL; the database is only used to host the shadow database. */
export async function createMigration(databaseUrl: string, name: string): Promise<CreatedMigration> {
  const sql = await withSchemaEngine(databaseUrl, "Creating a migration", async (engine) => {
    const migrations = await readMigrations();
    // With no migrations yet there is no lockfile, which the "migrations" source insists on.
    const from: DiffTarget =
      migrations.migrationDirectories.length === 0 ? { tag: "empty" } : { tag: "migrations", ...migrations };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", ...(await readSchema()) },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return normalizeScript(result.stdout ?? "");
  });
  if (!sql) return { folder: null, sql };
  return { folder: await writeMigration(name, sql), sql };
}
