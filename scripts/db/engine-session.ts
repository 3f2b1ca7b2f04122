// Runs one engine operation against DATABASE_URL and always releases what it opened, so callers
// (tests, the dev script) can keep running or exit without waiting on idle pools.
import type { SchemaFilter } from "@prisma/schema-engine-wasm";
import { engineError } from "./errors";
import { MigrationAdapterFactory } from "./pg-adapter";
import { type ConnectionConfig, connectClient, parseDatabaseUrl } from "./pg-connection";
import { createSchemaEngine, type SchemaEngine } from "./schema-engine";

/** Nothing is declared external: the engine only looks at the URL's schema (public) anyway. */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export async function withSchemaEngine<T>(
  databaseUrl: string,
  action: string,
  fn: (engine: SchemaEngine, config: ConnectionConfig) => Promise<T>,
): Promise<T> {
  const config = parseDatabaseUrl(databaseUrl);
  // Fail fast with a readable message; the engine's own connection errors are vaguer.
  await (await connectClient(config)).end();
  const factory = new MigrationAdapterFactory(config);
  let engine: SchemaEngine | undefined;
  try {
    engine = await createSchemaEngine(factory);
    return await fn(engine, config);
  } catch (err) {
    // The engine rejects with plain Errors; TypeError & co. are our bugs and keep their stack.
    throw err instanceof Error && err.constructor === Error ? engineError(action, err) : err;
  } finally {
    engine?.free();
    await factory.close();
  }
}
