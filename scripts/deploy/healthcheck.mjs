// The container probe (Dockerfile HEALTHCHECK, compose healthchecks, Kubernetes exec probes). Plain JS on purpose:
// a probe runs every few seconds and must not pay for a TypeScript loader. Exit 0 = healthy, 1 = not.
//
//   node scripts/deploy/healthcheck.mjs [web|worker]     (default: worker when MB_SERVICE=worker, else web)
//
// web:    GET http://127.0.0.1:$PORT$HEALTH_PATH (default /api/health) answers 2xx within HEALTH_TIMEOUT_MS.
// worker: the worker has no HTTP port. With WORKER_HEALTH_FILE set, that file (rewritten on every supervisor tick)
//         must be younger than WORKER_HEALTH_MAX_AGE_SECONDS (default 60). Without it, this host's row in the
//         "Worker" table must have been seen within WORKER_DEAD_AFTER_SECONDS (default 20): the same rule the
//         reaper applies, so a worker this probe calls healthy is one the reaper leaves alone.
import { statSync } from "node:fs";
import os from "node:os";

const positive = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function checkWeb() {
  const port = process.env.PORT || "3000";
  const url = `http://127.0.0.1:${port}${process.env.HEALTH_PATH || "/api/health"}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(positive("HEALTH_TIMEOUT_MS", 4000)) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return `${url} answered ${response.status}`;
}

function checkHeartbeatFile(file) {
  const maxAge = positive("WORKER_HEALTH_MAX_AGE_SECONDS", 60);
  let age;
  try {
    age = (Date.now() - statSync(file).mtimeMs) / 1000;
  } catch {
    throw new Error(`no heartbeat file at ${file} (the worker has not started, or stopped)`);
  }
  if (age > maxAge) throw new Error(`heartbeat file ${file} is ${age.toFixed(0)} s old (limit ${maxAge} s)`);
  return `heartbeat file ${age.toFixed(1)} s old`;
}

async function checkWorkerRow() {
  const { default: pg } = await import("pg");
  const deadAfter = positive("WORKER_DEAD_AFTER_SECONDS", 20);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 4000, query_timeout: 4000 });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT EXTRACT(EPOCH FROM now() - max("lastSeenAt"))::float8 AS age FROM "Worker" WHERE host = $1 AND status <> 'stopped'`,
      [os.hostname()],
    );
    const age = rows[0]?.age;
    if (age === null || age === undefined) throw new Error(`no running worker of host ${os.hostname()} in the Worker table`);
    if (age > deadAfter) throw new Error(`last heartbeat of host ${os.hostname()} was ${age.toFixed(0)} s ago (limit ${deadAfter} s)`);
    return `last heartbeat ${age.toFixed(1)} s ago`;
  } finally {
    await client.end().catch(() => {});
  }
}

const role = process.argv[2] ?? (process.env.MB_SERVICE === "worker" ? "worker" : "web");
const checks = {
  web: checkWeb,
  worker: () => (process.env.WORKER_HEALTH_FILE ? checkHeartbeatFile(process.env.WORKER_HEALTH_FILE) : checkWorkerRow()),
};

if (!(role in checks)) {
  console.error(`healthcheck: unknown role "${role}" (web or worker)`);
  process.exit(2);
}
try {
  console.log(`healthy: ${await checks[role]()}`);
  process.exit(0);
} catch (error) {
  console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
