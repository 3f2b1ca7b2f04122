import { ensureEmbeddedPostgres } from "./embedded-postgres";

// One rule for dev, start and test: DATABASE_URL wins; without it, the project's embedded PostgreSQL is used.

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded PostgreSQL if this process started it; otherwise leaves the server alone. */
  release(): Promise<void>;
}

const log = (line: string) => console.log(`[db] ${line}`);

/** `database` is created on the embedded server if missing; with DATABASE_URL it is ignored. */
export async function resolveDatabase(database: string): Promise<ResolvedDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    log(`using DATABASE_URL ${redact(fromEnv)}`);
    return { url: fromEnv, embedded: false, release: async () => {} };
  }
  const server = await ensureEmbeddedPostgres({ database, log });
  log(`DATABASE_URL is unset: using the embedded PostgreSQL ${server.url}`);
  return {
    url: server.url,
    embedded: true,
    release: async () => {
      if (!server.startedHere) return; // another script started it and still uses it
      await server.stop();
      log("stopped the embedded PostgreSQL");
    },
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
