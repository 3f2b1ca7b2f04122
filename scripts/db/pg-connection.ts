// Connection settings and pg pools for the migration scripts.
import pg from "pg";
import { DbScriptError } from "./errors";

export interface ConnectionConfig extends pg.ClientConfig {
  database: string;
  /** The one schema that migrations and drift checks manage (pg-boss's schema is left alone). */
  schema: string;
}

const OID_CHAR = 18;
const OID_TEXT = 25;

/** Parses DATABASE_URL into discrete settings: with a connectionString pg ignores a database override. */
export function parseDatabaseUrl(databaseUrl: string | undefined): ConnectionConfig {
  if (!databaseUrl) throw new DbScriptError("DATABASE_URL is not set.");
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DbScriptError("DATABASE_URL is not a valid URL.");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DbScriptError(`DATABASE_URL must be a postgresql:// URL (got ${url.protocol}//).`);
  }
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new DbScriptError("DATABASE_URL does not name a database.");
  const schema = url.searchParams.get("schema") ?? "public";
  // Migration SQL is unqualified and runs in "public"; another schema would need search_path handling.
  if (schema !== "public") throw new DbScriptError(`DATABASE_URL selects schema "${schema}"; only "public" is supported.`);
  const sslmode = url.searchParams.get("sslmode") ?? "";
  return {
    host: decodeURIComponent(url.hostname) || "localhost",
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    schema,
    // Without a timeout an unroutable host hangs until the OS gives up (minutes).
    connectionTimeoutMillis: Number(url.searchParams.get("connect_timeout") ?? 10) * 1000,
    // libpq semantics: only these modes insist on TLS; only verify-full checks the certificate chain here.
    ssl: ["require", "verify-ca", "verify-full"].includes(sslmode)
      ? { rejectUnauthorized: sslmode === "verify-full" }
      : undefined,
  };
}

/** Result rows -> indexes of their "char" columns (keyed by the rows array, which the adapter passes on). */
const charColumns = new WeakMap<unknown[], number[]>();

export function charColumnsOf(rows: unknown[]): number[] | undefined {
  return charColumns.get(rows);
}

function relabelChar(result: pg.QueryResult): pg.QueryResult {
  const indexes: number[] = [];
  result?.fields?.forEach((field, i) => {
    if (field.dataTypeID !== OID_CHAR) return;
    field.dataTypeID = OID_TEXT;
    indexes.push(i);
  });
  if (indexes.length > 0) charColumns.set(result.rows, indexes);
  return result;
}

class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    if (typeof values === "function") [callback, values] = [values, undefined];
    const promise = (super.query(config, values) as Promise<pg.QueryResult>).then(relabelChar);
    if (!callback) return promise;
    promise.then((res) => callback(null, res), (err) => callback(err));
  }
}

export function createPool(config: ConnectionConfig, database = config.database): pg.Pool {
  const { schema: _schema, ...clientConfig } = config;
  const pool = new pg.Pool({ ...clientConfig, database, Client: CharAsTextClient, max: 4 });
  // An idle client dying (e.g. DROP DATABASE ... WITH (FORCE)) must not crash the process.
  pool.on("error", () => {});
  return pool;
}

/** Opens one plain client; maps "cannot connect" into a readable error. */
export async function connectClient(config: ConnectionConfig, database = config.database): Promise<pg.Client> {
  const { schema: _schema, ...clientConfig } = config;
  const client = new pg.Client({ ...clientConfig, database });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new DbScriptError(`Cannot connect to database "${database}" at ${config.host}:${config.port}: ${reason}`);
  }
  return client;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
