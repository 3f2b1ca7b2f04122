import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/embedded-postgres";
import { freePort } from "../helpers/free-port";

// Its own data dir and port: independent of DATABASE_URL and of the project's .data/postgres.
describe("ensureEmbeddedPostgres", () => {
  let tempRoot: string;
  let dataDir: string;
  let port: number;
  let server: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), "mb-embedded-pg-"));
    // mkdtemp makes a 0700 dir; as root, PostgreSQL runs as the postgres user, which must be able to traverse it.
    await fs.chmod(tempRoot, 0o755);
    dataDir = path.join(tempRoot, "data");
    port = await freePort();
  });

  afterAll(async () => {
    await server?.stop().catch(() => {});
    await fs.rm(tempRoot, { recursive: true, force: true });
  });

  it("initialises and starts PostgreSQL 18 and creates the database", async () => {
    server = await ensureEmbeddedPostgres({ dataDir, port, database: "embedded_check" });
    expect(server.startedHere).toBe(true);
    expect(server.url).toBe(`postgresql://postgres@127.0.0.1:${port}/embedded_check`);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; db: string }>("SELECT version(), current_database() AS db");
      expect(rows[0]?.version).toMatch(/^PostgreSQL 18\./);
      expect(rows[0]?.db).toBe("embedded_check");
    } finally {
      await client.end();
    }
  });

  it("reuses the server already running on the data dir", async () => {
    // A different requested port must not matter: the running server's port wins.
    const again = await ensureEmbeddedPostgres({ dataDir, port: port + 1, database: "embedded_check" });
    expect(again.startedHere).toBe(false);
    expect(again.port).toBe(port);
  });

  it("stops the server and frees the port", async () => {
    await server!.stop();
    await expect(canConnect(port)).resolves.toBe(false);
    await server!.stop(); // stopping a stopped server is a no-op
  });
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
