import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/embedded-postgres";
import { deployMigrations } from "@/scripts/db/deploy-migrations";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";

// Its own PostgreSQL (so restarting it disturbs nobody): the worker and this process (the producer)
// must both notice the restart, reconnect by themselves and finish every job.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mb-pg-restart-"));
let pg: EmbeddedPostgres;
let worker: TWorkerHandle;
let services: typeof import("../helpers/job-services");
const org = makeOrg();

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  pg = await ensureEmbeddedPostgres({ dataDir, port: await freePort(), database: "restart" });
  await deployMigrations(pg.url);
  process.env.DATABASE_URL = pg.url; // before the first env() read of this test file's module graph
  services = await import("../helpers/job-services");
  worker = await startWorker({ env: { DATABASE_URL: pg.url } });
}, 120_000);

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await services?.shutdown();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("PostgreSQL restarted under a running worker", () => {
  it("completes jobs submitted before, during and after the restart", async () => {
    const { submitJob, statusOf } = services;
    const before = await submitJob(org.member, { type: "system.noop", params: {} });
    await waitFor("the first job", async () => (await statusOf(org.orgId, before.id)) === "completed");
    const running = await submitJob(org.member, { type: "system.sleep", params: { seconds: 2, steps: 2 } });
    await waitFor("the sleeper to start", async () => (await statusOf(org.orgId, running.id)) === "active");

    await pg.stop();
    await new Promise((r) => setTimeout(r, 3000)); // the sleeper finishes while the database is down
    pg = await ensureEmbeddedPostgres({ dataDir, port: pg.port, database: "restart" });

    const after = await waitFor("a submit to succeed again", () => submitJob(org.member, { type: "system.noop", params: {} }).catch(() => undefined), 30_000);
    for (const id of [after.id, running.id]) {
      await waitFor(`job ${id} to complete after the restart`, async () => (await statusOf(org.orgId, id).catch(() => undefined)) === "completed", 60_000);
    }
    expect(worker.child.exitCode).toBeNull(); // the worker never died
  });
});
