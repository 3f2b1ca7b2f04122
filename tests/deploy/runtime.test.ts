// Runs what docs/deployment.md tells an operator to run, as far as it runs without Docker: the standalone build
// (the web part of every deployment, containers and Vercel-style alike), its start and health check, the
// container entry point's roles (migrate, wait-migrations, web, worker) and the probes the manifests use.
// Needs DATABASE_URL (npm test provides a fresh, migrated database). Builds once if .next/standalone is missing.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/wait-for";
import { ROOT } from "./support";
import { freePort } from "../helpers/free-port";

const run = promisify(execFile);
const DOCS = readFileSync(path.join(ROOT, "docs/deployment.md"), "utf8");
const ENTRYPOINT = "scripts/deploy/docker-entrypoint.sh";
const STANDALONE_SERVER = path.join(ROOT, ".next/standalone/server.js");

// The documented commands, verbatim (the first test checks the docs still say them).
const DOC = {
  build: "npm run build",
  copyAssets: "cp -r public .next/standalone/ && cp -r .next/static .next/standalone/.next/",
  migrate: "npm run db:migrate",
  start: "HOSTNAME=0.0.0.0 PORT=3000 node .next/standalone/server.js",
  health: "curl -fsS http://localhost:3000/api/health",
  probeWeb: "node scripts/deploy/healthcheck.mjs web",
  probeWorker: "node scripts/deploy/healthcheck.mjs worker",
};

type TService = { child: ChildProcess; output: () => string; stop: () => Promise<number | null> };

/** Starts a long-running command in its own process group (so stop() takes its children too). */
function startService(command: string, args: string[], env: NodeJS.ProcessEnv): TService {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      return child.exitCode;
    },
  };
}

/** A shell line from the docs, with the port it names replaced by ours. */
const sh = (line: string, env: NodeJS.ProcessEnv, port?: number) =>
  run("sh", ["-c", port ? line.replaceAll("3000", String(port)) : line], { cwd: ROOT, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });

const exitCode = (promise: Promise<unknown>) => promise.then(() => 0, (error: { code?: number }) => error.code ?? 1);

describe("deployment commands (docs/deployment.md)", () => {
  const services: TService[] = [];
  let storageDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run through `npm test`, which provides a database.");
    storageDir = mkdtempSync(path.join(os.tmpdir(), "mb-deploy-"));
    env = {
      ...process.env,
      STORAGE_DIR: storageDir,
      NEXT_TELEMETRY_DISABLED: "1",
      ALLOW_INSECURE_AUTH_NONE: "1",
      LOG_LEVEL: "info",
      WORKER_HEARTBEAT_SECONDS: "1",
      WORKER_SHUTDOWN_GRACE_SECONDS: "2",
    };
    // The build is the slow step (30-60 s): reuse one that already has the standalone output.
    if (!existsSync(STANDALONE_SERVER)) await sh(DOC.build, env);
    if (!existsSync(STANDALONE_SERVER)) throw new Error('`npm run build` made no .next/standalone/server.js: next.config.js needs output: "standalone"');
    await sh(DOC.copyAssets, env);
  }, 360_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it("the docs still say these commands", () => {
    for (const command of Object.values(DOC)) expect(DOCS, command).toContain(command);
    for (const role of ["migrate", "wait-migrations", "web", "worker"]) expect(DOCS).toContain(`${ENTRYPOINT} ${role}`);
  });

  it("npm run db:migrate and the entry point's migrate role apply (or find) every migration; wait-migrations agrees", async () => {
    const { stdout } = await sh(DOC.migrate, env);
    expect(stdout).toMatch(/No pending migrations|Applied \d+ migration/);
    await run(ENTRYPOINT, ["migrate"], { cwd: ROOT, env, timeout: 120_000 });
    const waited = await run(ENTRYPOINT, ["wait-migrations", "--timeout", "10"], { cwd: ROOT, env, timeout: 60_000 });
    expect(waited.stdout).toContain("every migration of this build");
  });

  it("wait-migrations gives up on a database without the migrations", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = "/postgres"; // the server's maintenance database: never migrated
    const code = await exitCode(run(ENTRYPOINT, ["wait-migrations", "--timeout", "0"], { cwd: ROOT, env: { ...env, DATABASE_URL: url.toString() }, timeout: 60_000 }));
    expect(code).toBe(1);
  });

  it("the standalone server starts as documented and answers its health check, metrics and liveness file", async () => {
    const port = await freePort();
    // DOC.start, on a free port and loopback only.
    const web = startService("node", [".next/standalone/server.js"], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" });
    services.push(web);
    await waitFor("the standalone server", async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.ok, 60_000, 250);

    const { stdout } = await sh(DOC.health, env, port);
    expect(JSON.parse(stdout).database.ok).toBe(true);
    await run("sh", ["-c", DOC.probeWeb], { cwd: ROOT, env: { ...env, PORT: String(port) } });
    expect((await fetch(`http://127.0.0.1:${port}/favicon.svg`)).status).toBe(200);

    const metrics = await fetch(`http://127.0.0.1:${port}/api/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    const exposed = new Set([...(await metrics.text()).matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
    const wanted = monitoringMetricNames();
    expect(wanted.length).toBeGreaterThan(5);
    expect(wanted.filter((name) => !exposed.has(name)), "metrics the dashboard and alerts query but /api/metrics lacks").toEqual([]);

    expect([0, 143]).toContain(await web.stop()); // Next's server exits 128+SIGTERM after closing
  });

  it("the entry point's web role serves the same build (the image runs it from /app/web): /api/v1 and pages", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const web = startService(ENTRYPOINT, ["web"], { ...env, PORT: String(port), WEB_DIR: path.join(ROOT, ".next/standalone"), WEB_BIND_HOST: "127.0.0.1" });
    services.push(web);
    await waitFor("the entry point's web role", async () => (await fetch(`${base}/api/health`).catch(() => undefined))?.ok, 60_000, 250);
    // scripts/web-server.ts answers /api/v1 itself (with proxy.ts's headers); the standalone build's Next the rest.
    const me = await fetch(`${base}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: "admin" });
    expect(me.headers.get("x-frame-options")).toBe("DENY");
    const tasks = await fetch(`${base}/api/v1/tasks?limit=1`);
    expect(tasks.status).toBe(200);
    const page = await fetch(`${base}/tasks`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await web.stop()).toBe(0);
  });

  it("the worker probe: healthy while the entry point's worker role heartbeats, unhealthy once it stopped", async () => {
    const worker = startService(ENTRYPOINT, ["worker", "--queues", "system:1"], { ...env, WORKER_ID: `deploy-probe-${process.pid}` });
    services.push(worker);
    await waitFor("the worker", async () => worker.output().includes('"worker ready"'), 60_000, 100);
    const probe = (extra: Record<string, string> = {}) => exitCode(run("sh", ["-c", DOC.probeWorker], { cwd: ROOT, env: { ...env, ...extra }, timeout: 30_000 }));
    expect(await probe()).toBe(0); // no WORKER_HEALTH_FILE: this host's row in the Worker table
    expect(await worker.stop()).toBe(0);
    // A short dead-after, so that a worker another test file killed moments ago does not count as this host's.
    expect(await probe({ WORKER_DEAD_AFTER_SECONDS: "3" })).toBe(1);
  });

  it("the worker probe in heartbeat-file mode: fresh file healthy, stale or missing unhealthy", async () => {
    const file = path.join(storageDir, "worker-health.json");
    const probe = () => exitCode(run("sh", ["-c", DOC.probeWorker], { cwd: ROOT, env: { ...env, WORKER_HEALTH_FILE: file, WORKER_HEALTH_MAX_AGE_SECONDS: "30" } }));
    expect(await probe()).toBe(1);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString() }));
    expect(await probe()).toBe(0);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    expect(await probe()).toBe(1);
  });

  it("the worker keeps WORKER_HEALTH_FILE fresh (what the Kubernetes and compose probes read)", async () => {
    const file = path.join(storageDir, "worker-heartbeat.json");
    const worker = startService(ENTRYPOINT, ["worker", "--queues", "system:1"], { ...env, WORKER_HEALTH_FILE: file, WORKER_ID: `deploy-file-${process.pid}` });
    services.push(worker);
    await waitFor("the worker", async () => worker.output().includes('"worker ready"'), 60_000, 100);
    await waitFor("the heartbeat file", async () => existsSync(file), 10_000, 100);
    const probe = () => exitCode(run("sh", ["-c", DOC.probeWorker], { cwd: ROOT, env: { ...env, WORKER_HEALTH_FILE: file, WORKER_HEALTH_MAX_AGE_SECONDS: "2" } }));
    expect(await probe()).toBe(0);
    await new Promise((r) => setTimeout(r, 3_000)); // past the max age: only a rewritten file stays healthy
    expect(await probe()).toBe(0);
    await worker.stop();
  });
});

/** Metric names that docs/monitoring's dashboard and alert rules query (histogram suffixes folded). */
function monitoringMetricNames(): string[] {
  const sources = ["docs/monitoring/grafana-dashboard.json", "docs/monitoring/alerts.yml"].map((f) => readFileSync(path.join(ROOT, f), "utf8"));
  const names = sources.flatMap((text) => [...text.matchAll(/\b((?:mb|process)_[a-z_]+)/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, "")));
  return [...new Set(names)].sort();
}
