// npm run bench:api: the REST shim under load, against `npm start` (scripts/web-server.ts + worker) on loopback.
//   GET /api/v1/tasks/{id} and the first page of GET /api/v1/tasks at 500 requests/s, POST /api/v1/tasks at
//   100 requests/s, with --tasks (default 100,000) tasks in the caller's org. Open loop: requests leave on a fixed
//   schedule whatever the answers do, and latency counts from the scheduled time, so a stalled server shows up.
// Options: --tasks N  --seconds S (per scenario, default 10)  --read-rate R  --write-rate W  --web-processes P
//   (npm start's WEB_CONCURRENCY, default 1)  --api-fast-path 0 (/api/v1 through Next's router, to compare)  --keep-worker-busy
//   (by default the evaluation queue is paused while POSTs run: the bench measures the web process, not git clones).
// Runs in AUTH_MODE=sso (npm start refuses none), through the gateway headers, like a script behind the gateway.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort } from "../../tests/helpers/next-server";
import { gatewayHeaders, newGatewayOrg, newGatewaySecret } from "../../tests/helpers/gateway";
import { openBenchDatabase } from "./bench-db";
import { machineCpu, processCpuMs, readProcStat } from "./cpu";
import { percentile } from "./measure";
import { readMemory } from "./proc-memory";
import { sleep } from "./proc";

const { values: opts } = parseArgs({
  options: {
    tasks: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    "read-rate": { type: "string", default: "500" },
    "write-rate": { type: "string", default: "100" },
    "keep-worker-busy": { type: "boolean", default: false },
    "web-processes": { type: "string", default: process.env.WEB_CONCURRENCY || "1" },
    "api-fast-path": { type: "string", default: "1" },
  },
});
const TASKS = Number(opts.tasks);
const SECONDS = Number(opts.seconds);
const TARGETS = { readP99Ms: 25, writeP99Ms: 50 };
const log = (line: string) => console.log(`[bench:api] ${line}`);

type TCpu = { webMs: number; pgMs: number; benchMs: number; busyPct: number; webPeakRssMiB: number };

type TResult = { name: string; rate: number; sent: number; latencies: number[]; errors: Map<string, number>; elapsedMs: number; cpu?: TCpu };

/** The web processes of `npm start` (scripts/web-server.ts, or the cluster's): descendants of `root` by command line. */
function webPids(root: number): number[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (!stat) continue; // gone
    parents.set(stat.pid, stat.ppid);
    try {
      commands.set(stat.pid, readFileSync(`/proc/${entry}/cmdline`, "utf8"));
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  return [...commands].filter(([pid, command]) => /web-(server\.ts|cluster\.mjs)/.test(command) && descends(pid)).map(([pid]) => pid);
}

/**
 * Where the CPU of a scenario went: the web processes, this database's PostgreSQL backends, this process (the load
 * generator), and the whole machine's utilisation. On 2 cores they share, the sum is what limits the rate.
 */
async function measureCpu(root: number, probe: pg.Client): Promise<() => Promise<TCpu>> {
  const backends = async () => {
    const { rows } = await probe.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
  };
  const web = webPids(root);
  const sumWeb = () => web.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const self = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const [w0, p0, b0, m0] = [sumWeb(), await backends(), self(), machineCpu()];
  return async () => {
    let pgMs = 0;
    for (const [pid, ms] of await backends()) pgMs += ms - (p0.get(pid) ?? 0);
    const m1 = machineCpu();
    const webPeakRssMiB = Math.max(0, ...web.map((pid) => (readMemory(pid)?.hwm ?? 0) / 1024));
    return { webMs: sumWeb() - w0, pgMs, benchMs: self() - b0, busyPct: (100 * (m1.busy - m0.busy)) / (m1.total - m0.total), webPeakRssMiB };
  };
}

async function seed(url: string, orgId: string, userId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query(
      `INSERT INTO "Task" (id, "orgId", "teamId", "userId", title, source, repository, agents, dimensions, thresholds,
         "maxFiles", "maxTurns", "contextTokenLimit", trials, priority, seed, status, "createdAt", "finishedAt")
       SELECT gen_random_uuid(), $1, 'team-1', $2, 'bench task ' || g,
         jsonb_build_object('kind', 'git', 'repository', 'https://git.example.com/acme/repo-' || (g % 50) || '.git', 'baseRef', 'main', 'headRef', 'f' || g),
         'acme/repo-' || (g % 50), ARRAY['sim-strong', 'sim-weak'], ARRAY['AR', 'TTL', 'LRU', 'SF'],
         '{"AR": 0.7, "TTL": 0.7, "LRU": 0.7, "SF": 0.7}', 10, 12, 12000, 1, 5, g,
         (CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END)::"TaskStatus", now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '30 seconds'
       FROM generate_series(1, $3::int) g`,
      [orgId, userId, TASKS],
    );
    await client.query(
      `INSERT INTO "AgentRun" (id, "taskId", "orgId", "agentId", trial, status, turns, "inputTokens", "outputTokens", overall, passed, "durationMs", "startedAt", "finishedAt")
       SELECT gen_random_uuid(), t.id, t."orgId", a, 1, 'completed', 12, 20000, 3000, 0.8, true, 25000, t."createdAt", t."finishedAt"
       FROM "Task" t CROSS JOIN unnest(ARRAY['sim-strong', 'sim-weak']) a WHERE t."orgId" = $1`,
      [orgId],
    );
    await client.query(
      `INSERT INTO "Question" ("taskId", key, dimension, kind, prompt, "groundTruth", "relevantFiles", position)
       SELECT t.id, d || '-1', d, 'fact', 'Which file adds parseRetry?', '"src/retry.ts"', ARRAY['src/retry.ts'], i
       FROM "Task" t CROSS JOIN unnest(ARRAY['AR', 'TTL', 'LRU', 'SF']) WITH ORDINALITY AS q(d, i) WHERE t."orgId" = $1`,
      [orgId],
    );
    // VACUUM too: otherwise autovacuum works through the 700k new rows during the measurement, as a steady database would not.
    await client.query("VACUUM ANALYZE");
    log(`seeded ${TASKS.toLocaleString("en-US")} tasks, ${(2 * TASKS).toLocaleString("en-US")} runs, ${(4 * TASKS).toLocaleString("en-US")} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM "Task" WHERE "orgId" = $1 ORDER BY random() LIMIT 2000`, [orgId]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** `npm start` as its own process group; output kept, shown only if it dies. */
function startApp(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // gone
    }
  };
  process.on("exit", () => kill("SIGKILL"));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      kill("SIGTERM");
      const timer = setTimeout(() => kill("SIGKILL"), 20_000);
      await new Promise((r) => child.once("exit", r));
      clearTimeout(timer);
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function request(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: body ? { ...headers, "content-type": "application/json" } : headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends `rate` requests a second for `seconds`, on schedule; latency from each request's scheduled time. */
async function openLoop(name: string, rate: number, seconds: number, send: (i: number) => Promise<number>, ok: number): Promise<TResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(
      send(i).then(
        (status) => {
          latencies.push(performance.now() - scheduled);
          if (status !== ok) errors.set(`HTTP ${status}`, (errors.get(`HTTP ${status}`) ?? 0) + 1);
        },
        (error: Error) => void errors.set(error.message, (errors.get(error.message) ?? 0) + 1),
      ),
    );
  }
  await Promise.all(pending);
  return { name, rate, sent: total, latencies, errors, elapsedMs: performance.now() - start };
}

function report(results: TResult[]) {
  const f = (v: number) => `${v.toFixed(1)} ms`;
  const rows = results.map((r) => {
    const target = r.name.startsWith("POST") ? TARGETS.writeP99Ms : TARGETS.readP99Ms;
    const p99 = percentile(r.latencies, 99);
    const errorCount = [...r.errors.values()].reduce((a, b) => a + b, 0);
    return {
      scenario: r.name,
      rate: `${r.rate}/s`,
      requests: r.sent,
      achieved: `${Math.round((r.latencies.length * 1000) / r.elapsedMs)}/s`,
      p50: f(percentile(r.latencies, 50)),
      p90: f(percentile(r.latencies, 90)),
      p99: f(p99),
      max: f(Math.max(...r.latencies)),
      errors: errorCount ? [...r.errors].map(([k, v]) => `${v}× ${k}`).join(", ") : "0",
      // CPU per request (ms): web processes / PostgreSQL / this load generator; then the machine's utilisation.
      "cpu web/pg/gen": r.cpu ? [r.cpu.webMs, r.cpu.pgMs, r.cpu.benchMs].map((ms) => (ms / r.sent).toFixed(2)).join(" / ") : "-",
      busy: r.cpu ? `${r.cpu.busyPct.toFixed(0)}%` : "-",
      "web peak RSS": r.cpu ? `${r.cpu.webPeakRssMiB.toFixed(0)} MiB` : "-",
      target: `p99 < ${target} ms, 0 errors`,
      verdict: p99 < target && errorCount === 0 ? "ok" : "MISSED",
    };
  });
  console.table(rows);
  console.log(JSON.stringify({ bench: "api", tasks: TASKS, seconds: SECONDS, webProcesses: opts["web-processes"], apiFastPath: opts["api-fast-path"], results: rows }));
}

async function main(): Promise<number> {
  // Always a throw-away database (local PostgreSQL on 5432, else the embedded one): never seed 100k rows into DATABASE_URL's.
  delete process.env.DATABASE_URL;
  const db = await openBenchDatabase(log);
  const org = newGatewayOrg("bench");
  const secret = newGatewaySecret();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const webProcesses = opts["web-processes"];
  const app = startApp({ DATABASE_URL: db.url, PORT: String(port), AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: secret, NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: webProcesses, API_FAST_PATH: opts["api-fast-path"] });
  try {
    const ids = await seed(db.url, org.orgId, org.member.userId);
    const deadline = Date.now() + 120_000;
    while ((await request(base, "GET", "/api/health", {}).catch(() => 0)) !== 200) {
      if (app.child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${app.output()}`);
      await sleep(250);
    }
    log(`npm start is up on ${base} (AUTH_MODE=sso, WEB_CONCURRENCY=${webProcesses}, API_FAST_PATH=${opts["api-fast-path"]})`);
    const member = gatewayHeaders(org.member, secret);
    const admin = gatewayHeaders(org.admin, secret);
    const task = JSON.stringify({ source: { kind: "git", repository: "https://git.example.com/acme/bench.git", baseRef: "main", headRef: "feature" }, agents: ["sim-strong"] });
    const getTask = (i: number) => request(base, "GET", `/api/v1/tasks/${ids[i % ids.length]}`, member);
    const listTasks = () => request(base, "GET", "/api/v1/tasks", member);
    const postTask = () => request(base, "POST", "/api/v1/tasks", member, task);

    if (!opts["keep-worker-busy"]) await request(base, "POST", "/api/v1/queues/evaluation/pause", admin);
    log("warming up (JIT, connection pools): 3 s per scenario at a fifth of the rate");
    await openLoop("warm", 100, 3, getTask, 200);
    await openLoop("warm", 100, 3, listTasks, 200);
    await openLoop("warm", 20, 3, postTask, 201);

    const readRate = Number(opts["read-rate"]);
    const writeRate = Number(opts["write-rate"]);
    const probe = new pg.Client({ connectionString: db.url });
    await probe.connect();
    const measured = async (run: () => Promise<TResult>): Promise<TResult> => {
      const cpu = await measureCpu(app.child.pid!, probe);
      const result = await run();
      return { ...result, cpu: await cpu() };
    };
    const results = [
      await measured(() => openLoop("GET /api/v1/tasks/{id}", readRate, SECONDS, getTask, 200)),
      await measured(() => openLoop("GET /api/v1/tasks (first page)", readRate, SECONDS, listTasks, 200)),
      await measured(() => openLoop("POST /api/v1/tasks", writeRate, SECONDS, postTask, 201)),
    ];
    await probe.end();
    if (!opts["keep-worker-busy"]) await request(base, "POST", "/api/v1/queues/evaluation/resume", admin);
    report(results);
    const serverErrors = app.output().split("\n").filter((line) => /"level":(50|60)/.test(line));
    if (serverErrors.length) log(`${serverErrors.length} error lines in the server's log; the last:\n${serverErrors.slice(-3).join("\n")}`);
    return 0;
  } finally {
    agent.destroy();
    await app.stop();
    await db.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[bench:api] ${error.message}`);
    process.exit(1);
  },
);