// CLI for offline migrations (npm run db:migrate | db:migrate:create <name> | db:check).
// Uses the wasm schema engine because the native one cannot be downloaded here.
import path from "node:path";
import { diffDatabaseToSchema } from "./check-drift";
import { createMigration } from "./create-migration";
import { deployMigrations } from "./deploy-migrations";
import { DbScriptError } from "./errors";
import { migrationsDir } from "./project-files";

const usage = `Usage: tsx scripts/db/migrate.ts <command>
  deploy          apply pending migrations to DATABASE_URL
  create <name>   write a migration for schema.prisma changes, then apply it
  check           exit 1 and print the SQL if the database differs from schema.prisma`;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new DbScriptError("DATABASE_URL is not set.");
  return url;
}

function elapsed(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(2)}s`;
}

async function deploy(): Promise<number> {
  const start = performance.now();
  const { applied } = await deployMigrations(databaseUrl());
  if (applied.length === 0) console.log(`No pending migrations (${elapsed(start)}).`);
  else console.log(`Applied ${applied.length} migration(s) in ${elapsed(start)}:\n  ${applied.join("\n  ")}`);
  return 0;
}

async function create(name: string | undefined): Promise<number> {
  if (!name?.trim()) throw new DbScriptError(`A migration name is required.\n${usage}`);
  const start = performance.now();
  const { folder } = await createMigration(databaseUrl(), name);
  if (!folder) {
    console.log(`no changes: schema.prisma matches the migrations (${elapsed(start)}).`);
    return 0;
  }
  console.log(`Created ${path.relative(process.cwd(), path.join(migrationsDir, folder, "migration.sql"))} (${elapsed(start)}).`);
  return deploy();
}

async function check(): Promise<number> {
  const start = performance.now();
  const sql = await diffDatabaseToSchema(databaseUrl());
  if (!sql) {
    console.log(`Database matches schema.prisma (${elapsed(start)}).`);
    return 0;
  }
  console.error("Database differs from schema.prisma. SQL to bring it in line:\n");
  console.log(sql.trimEnd());
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "deploy":
      return deploy();
    case "create":
      return create(args.join(" "));
    case "check":
      return check();
    default:
      console.error(command ? `Unknown command "${command}".\n${usage}` : usage);
      return 2;
  }
}

// Exit explicitly: a caller's stray handle must not keep a finished CLI alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DbScriptError) console.error(`Error: ${err.message}`);
    else console.error(err);
    process.exit(1);
  },
);
