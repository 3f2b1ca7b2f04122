// Compares the live database (schema public only) with prisma/schema.prisma.
import path from "node:path";
import { noFilters, withSchemaEngine } from "./engine-session";
import { readSchema, schemaPath } from "./project-files";

/** Returns the SQL that would make the database match schema.prisma; "" when they agree. */
export async function diffDatabaseToSchema(databaseUrl: string): Promise<string> {
  return withSchemaEngine(databaseUrl, "Checking the database against schema.prisma", async (engine) => {
    const schema = await readSchema();
    // "schemaDatasource" introspects the live database through our adapter ("url" is unsupported in wasm).
    const result = await engine.diff({
      from: { tag: "schemaDatasource", ...schema, configDir: path.dirname(schemaPath) },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return normalizeScript(result.stdout ?? "");
  });
}

/** The engine prints "-- This is an empty migration." for no difference. */
export function normalizeScript(sql: string): string {
  return /^\s*(--[^\n]*empty migration[^\n]*)?\s*$/i.test(sql) ? "" : sql;
}
