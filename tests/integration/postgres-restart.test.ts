import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/embedded-postgres";
import { deployMigrations } from "@/scripts/db/deploy-migrations";
import { LOCAL_CALLER } from "@/server/auth/caller";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { freePort } from "../helpers/free-port";
import { startNextServer, type TNextServer } from "../helpers/next-server";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";

// Its own PostgreSQL (so restarting it disturbs nobody): the worker, a web server (`next start` on the build
// npm test makes first) and this process (a producer) must all notice the restart, reconnect by themselves
// and finish every job.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mb-pg-restart-"));
let pg: EmbeddedPostgres;
let worker: TWorkerHandle;
let web: TNextServer;
let services: typeof import("../helpers/job-services");
const org = makeOrg();

beforeAll(async () => {
  pg = await ensureEmbeddedPostgres({ dataDir, port: await freePort(), database: "restart" });
  await deployMigrations(pg.url);
  process.env.DATABASE_URL = pg.url; // before the first env() read of this test file's module graph
  services = await import("../helpers/job-services");
  worker = await startWorker({ env: { DATABASE_URL: pg.url } });
  if (!fs.existsSync(path.resolve(import.meta.dirname, "../../.next/BUILD_ID"))) throw new Error("no production build: run `npm run build` (npm test does)");
  web = await startNextServer({ DATABASE_URL: pg.url, AUTH_MODE: "none" });
}, 120_000);

const health = () => fetch(`${web.url}/api/health`).then((r) => r.status, () => 0);
const submitOverHttp = async () => {
  const response = await fetch(`${web.url}/api/v1/jobs/system.noop`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ params: {} }),
  }).catch(() => undefined);
  return response?.status === 201 ? ((await response.json()) as { id: string }) : undefined;
};

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await web?.stop();
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

    expect(await health()).toBe(200);
    const webBefore = await submitOverHttp();
    expect(webBefore).toBeDefined();

    await pg.stop();
    await new Promise((r) => setTimeout(r, 3000)); // the sleeper finishes while the database is down
    expect(await health()).toBe(503); // the web server stays up and says the database is gone
    pg = await ensureEmbeddedPostgres({ dataDir, port: pg.port, database: "restart" });

    const after = await waitFor("a submit to succeed again", () => submitJob(org.member, { type: "system.noop", params: {} }).catch(() => undefined), 30_000);
    await waitFor("the web server's health to recover", async () => (await health()) === 200, 30_000);
    const webAfter = await waitFor("a submit over HTTP to succeed again", submitOverHttp, 30_000);
    // Jobs submitted over HTTP belong to AUTH_MODE=none's local org.
    const jobs = [...[after.id, running.id].map((id) => ({ id, orgId: org.orgId })), ...[webBefore!.id, webAfter.id].map((id) => ({ id, orgId: LOCAL_CALLER.orgId }))];
    for (const { id, orgId } of jobs) {
      await waitFor(`job ${id} to complete after the restart`, async () => (await statusOf(orgId, id).catch(() => undefined)) === "completed", 60_000);
    }
    expect(worker.child.exitCode).toBeNull(); // the worker never died
  }, 180_000);
});
