// The driver adapter factory the wasm engine uses: main-database connections plus throwaway
// shadow databases. It owns every pool it opens so close() leaves nothing running.
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import { charColumnsOf, type ConnectionConfig, connectClient, createPool, quoteIdent } from "./pg-connection";

export const SHADOW_PREFIX = "prisma_shadow_mb_";
/** Shadow databases older than this are leftovers of crashed runs (a live one lasts seconds). */
const STALE_SHADOW_MS = 15 * 60_000;

export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly pools = new Set<pg.Pool>();
  private readonly shadows = new Set<string>();

  constructor(private readonly config: ConnectionConfig) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.adapterFor(this.track(createPool(this.config)));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `${SHADOW_PREFIX}${Date.now()}_${Math.random().toString(16).slice(2, 10)}`;
    await this.withAdmin(async (admin) => {
      await dropStaleShadows(admin);
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    });
    this.shadows.add(name);
    const pool = this.track(createPool(this.config, name));
    const adapter = await this.adapterFor(pool);
    // End the pool before dropping: DROP DATABASE refuses while our own sessions are open.
    adapter.dispose = async () => {
      await this.endPool(pool);
      await this.dropShadow(name);
    };
    return adapter;
  }

  /** Ends all pools and drops shadow databases the engine did not dispose of. */
  async close(): Promise<void> {
    await Promise.all([...this.pools].map((pool) => this.endPool(pool)));
    for (const name of [...this.shadows]) await this.dropShadow(name).catch(() => {});
  }

  private async adapterFor(pool: pg.Pool): Promise<SqlDriverAdapter> {
    const adapter = await new PrismaPg(pool, { schema: this.config.schema }).connect();
    // adapter-pg's executeScript splits on every ";", breaking string literals and $$ bodies.
    // A parameterless query goes over pg's simple protocol, which runs a whole multi-statement
    // script at once (as the native engine does); executeRaw keeps the adapter's error mapping.
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    reportCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (level) => reportCharColumns(await startTransaction(level));
    return adapter;
  }

  private track(pool: pg.Pool): pg.Pool {
    this.pools.add(pool);
    return pool;
  }

  private async endPool(pool: pg.Pool): Promise<void> {
    // pg throws if end() is called twice, and both the engine and close() may get here.
    if (!this.pools.delete(pool)) return;
    await pool.end();
  }

  private async dropShadow(name: string): Promise<void> {
    if (!this.shadows.delete(name)) return;
    await this.withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  }

  private async withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
    const admin = await connectClient(this.config);
    try {
      return await fn(admin);
    } finally {
      await admin.end();
    }
  }
}

/** Marks "char" columns (see pg-connection.ts) as Character: the engine rejects them as Text. */
function reportCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumnsOf(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

async function dropStaleShadows(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
    [SHADOW_PREFIX],
  );
  for (const { datname } of rows) {
    const createdAt = Number(datname.slice(SHADOW_PREFIX.length).split("_")[0]);
    if (Number.isFinite(createdAt) && Date.now() - createdAt < STALE_SHADOW_MS) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => {});
  }
}
