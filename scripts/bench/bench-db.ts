// Where the bench runs: DATABASE_URL as given, else a throw-away database so a developer's data is never touched.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "../db/deploy-migrations";

export type TBenchDb = { url: string; label: string; release(): Promise<void> };

const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function openBenchDatabase(log: (line: string) => void): Promise<TBenchDb> {
  const db = await resolve(log);
  try {
    const { applied } = await deployMigrations(db.url);
    log(`migrations: ${applied.length} applied`);
  } catch (error) {
    await db.release();
    throw error;
  }
  return db;
}

async function resolve(log: (line: string) => void): Promise<TBenchDb> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv, label: "DATABASE_URL", release: async () => {} };
  if (await listening("127.0.0.1", 5432)) return scratch(LOCAL_SERVER, async () => {}, log);
  // No server on 5432: the project's embedded PostgreSQL, when this checkout has it.
  const module = path.resolve(import.meta.dirname, "../embedded-postgres.ts");
  if (!existsSync(module)) throw new Error("no PostgreSQL on 127.0.0.1:5432 and no scripts/embedded-postgres.ts: set DATABASE_URL");
  const { ensureEmbeddedPostgres } = (await import(module)) as typeof import("../embedded-postgres");
  const server = await ensureEmbeddedPostgres({ log });
  return scratch(server.url, async () => (server.startedHere ? server.stop() : undefined), log);
}

/** Creates mb_bench_<random> on the server of serverUrl; release() drops it (FORCE: stray children may still be connected). */
async function scratch(serverUrl: string, after: () => Promise<void>, log: (line: string) => void): Promise<TBenchDb> {
  const name = `mb_bench_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  log(`created scratch database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    label: name,
    release: async () => {
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
      log(`dropped ${name}`);
      await after();
    },
  };
}

async function admin<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    const finish = (ok: boolean) => (socket.destroy(), done(ok));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
    socket.once("timeout", () => finish(false));
  });
}
