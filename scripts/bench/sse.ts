// `npm run bench:sse`: live task logs end to end. A writer process (the worker's task-log-writer, coalesced NOTIFY)
// → one web process (the real route module of app/api/v1/logs/[taskId]/stream over node:http,
// tests/helpers/log-route-server.ts) → SSE clients in this process. Latency = client receipt − writer append
// (the append time travels in the message; all processes share the machine's clock).
// Knobs (env): BENCH_SSE_CLIENTS (200), BENCH_SSE_LINES (5000), BENCH_SSE_RATE (1000 lines/s), BENCH_SSE_BURST
// (5000 lines in 1 s), BENCH_SSE_RAMP ("2000,5000,10000,20000,40000,80000" lines/s, one client), BENCH_SSE_RAMP_SECONDS (3),
// BENCH_SSE_CONNECTIONS ("500,1000"), BENCH_SSE_TASKS (10, the connections' tasks), BENCH_SSE_ONLY=fanout,burst,ramp,connections;
// DATABASE_URL to use that database instead of a scratch one.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openSse, type TSseClient } from "@/tests/helpers/sse-client";
import { openBenchDatabase } from "./bench-db";
import { machineCpu, processCpuMs } from "./cpu";
import { killAllChildren, sleep, spawnNode, type TChild } from "./proc";
import { runWithReactServer } from "./react-server";

const log = (line: string) => console.error(`[bench:sse] ${line}`);
const now = () => performance.timeOrigin + performance.now();
const ints = (name: string, fallback: string) => (process.env[name] || fallback).split(",").map(Number);
const WRITER = path.resolve(import.meta.dirname, "sse.ts");
const WEB = path.resolve(import.meta.dirname, "../../tests/helpers/log-route-server.ts");

runWithReactServer(import.meta.url, async () => (process.argv.includes("--writer") ? writerMain : benchMain));

/** The writer role: `--writer --warm w --tasks a,b --lines N --rate R` appends N lines per task at R lines/s in total. */
async function writerMain(): Promise<number> {
  const { values } = parseArgs({ options: { writer: { type: "boolean" }, tasks: { type: "string" }, warm: { type: "string" }, lines: { type: "string" }, rate: { type: "string" } } });
  const { db, disconnectDb } = await import("@/server/db/client");
  const { closePgPool, pgPool } = await import("@/server/db/pg-pool");
  const { notifyTaskLog } = await import("@/server/evaluation/logs/task-log-channel");
  const { createTaskLogWriter } = await import("@/server/evaluation/logs/task-log-writer");
  const { logger } = await import("@/server/logger");
  const { closeJobNotifier, jobNotifier } = await import("@/server/notify/job-notifier");
  const tasks = values.tasks!.split(",");
  const total = Number(values.lines) * tasks.length;
  const rate = Number(values.rate);
  const writer = createTaskLogWriter({ db, storageDir: process.env.STORAGE_DIR!, log: logger, onFlushed: notifyTaskLog });
  // Warm, as a running worker is: connections open and one flush done (on a task no client watches) before the clock starts.
  writer.append({ taskId: values.warm!, runId: null, level: "info", message: "warm-up" });
  await Promise.all([writer.flush(), pgPool().query("SELECT 1")]);
  const start = performance.now();
  for (let appended = 0; appended < total; await sleep(2)) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; appended < due; appended++) writer.append({ taskId: tasks[appended % tasks.length]!, runId: null, level: "info", message: `bench ${now()}` });
  }
  await writer.close();
  const ms = performance.now() - start;
  const notifier = { ...jobNotifier().stats };
  await closeJobNotifier();
  await Promise.all([closePgPool(), disconnectDb()]);
  console.log(`done ${JSON.stringify({ ms, notifier })}`);
  return 0;
}

type TEnv = Record<string, string>;
const LOG_EVENT = /^id: (\d+)\nevent: log\ndata: [^\n]*?"message":"bench ([\d.]+)"/gm;
type TDelivery = { lat: Float64Array; inOrder: boolean; complete: boolean; lastAt: number; firstAppend: number };

/** Clients that record, per log line, receipt − append; `received(n)` waits until each has n lines (or gives up). */
async function connect(url: string, taskIds: string[], perTask: number, lines: number) {
  const n = taskIds.length * perTask;
  const result: TDelivery = { lat: new Float64Array(n * lines).fill(NaN), inOrder: true, complete: false, lastAt: 0, firstAppend: Infinity };
  const got = new Array<number>(n).fill(0);
  const opens: Promise<TSseClient>[] = [];
  for (let c = 0; c < n; c++) {
    let next = 1;
    // one regex over each run of events: parsing them one by one costs this process more than the server spends
    const onText = (text: string) => {
      const at = now();
      for (const m of text.matchAll(LOG_EVENT)) {
        if (Number(m[1]) !== next) result.inOrder = false;
        next = Number(m[1]) + 1;
        const appended = parseFloat(m[2]!);
        result.firstAppend = Math.min(result.firstAppend, appended);
        if (got[c]! < lines) result.lat[c * lines + got[c]!] = at - appended;
        got[c]!++;
      }
      result.lastAt = Math.max(result.lastAt, at);
    };
    opens.push(openSse(`${url}/api/v1/logs/${taskIds[c % taskIds.length]}/stream`, { keep: false, onText }));
  }
  const clients = await Promise.all(opens);
  const bad = clients.find((c) => c.status !== 200);
  if (bad) throw new Error(`stream answered ${bad.status}: ${await bad.body}`);
  const received = async (count: number, timeoutMs: number) => {
    for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await sleep(10)) {
      if (got.every((g) => g >= count)) return (result.complete = true);
    }
    return false;
  };
  return { clients, result, received };
}

async function write(env: TEnv, taskIds: string[], lines: number, rate: number): Promise<{ ms: number; notifier: Record<string, number> }> {
  log(`writing ${num(lines)} lines × ${taskIds.length} task(s) at ${num(rate)} lines/s`);
  const args = ["--writer", "--warm", env.WARM_TASK!, "--tasks", taskIds.join(",")];
  const writer = spawnNode(WRITER, [...args, "--lines", String(lines), "--rate", String(rate)], env, { reactServer: true });
  const finished = (out: string) => out.includes("done {");
  // it may exit right after printing, which waitFor reports as an early exit
  await writer.waitFor("the writer to finish", finished, 120_000).catch((error: Error) => {
    if (!finished(writer.output())) throw error;
  });
  await writer.stop();
  return JSON.parse(/done (\{.*\})/.exec(writer.output())![1]!) as { ms: number; notifier: Record<string, number> };
}

/** Counts NOTIFYs on mb_task_log that name one of the tasks, with their times. */
async function countNotifies(url: string, taskIds: string[]): Promise<{ times: number[]; stop(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", (error) => log(`NOTIFY counter lost its connection (${error.message}): the count is a lower bound`));
  await client.connect();
  const times: number[] = [];
  client.on("notification", (n) => void (taskIds.some((id) => n.payload?.includes(id)) && times.push(performance.now())));
  await client.query("LISTEN mb_task_log");
  return { times, stop: () => client.end() };
}

function pcts(values: Float64Array): { p50: number; p95: number; p99: number; max: number } {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort(); // NaN: a delivery that never came
  const at = (p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

const fmt = (x: { p50: number; p95: number; p99: number; max: number }) =>
  `p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`;
const num = (v: number) => Math.round(v).toLocaleString("en-US");

async function startWeb(env: TEnv): Promise<{ child: TChild; url: string; stats(): Promise<{ memory: NodeJS.MemoryUsage; hub: Record<string, number> }> }> {
  const child = spawnNode(WEB, [], env, { reactServer: true, nodeFlags: ["--expose-gc"] });
  await child.waitFor("the web process", (out) => /listening \S+/.test(out), 60_000);
  const url = /listening (\S+)/.exec(child.output())![1]!;
  return { child, url, stats: async () => (await fetch(`${url}/stats`)).json() as never };
}

/** Phases 1 and 2: `clients` clients on one task while the writer writes `lines` lines at `rate` lines/s. */
async function fanout(ctx: TCtx, label: string, clients: number, lines: number, rate: number): Promise<void> {
  const task = await ctx.newTask();
  const { clients: open, result, received } = await connect(ctx.web.url, [task], clients, lines);
  const notifies = await countNotifies(ctx.url, [task]);
  const cpu0 = { web: processCpuMs(ctx.web.child.pid), clients: process.cpuUsage(), machine: machineCpu() };
  const written = await write(ctx.env, [task], lines, rate);
  await received(lines, 60_000);
  const machine = machineCpu();
  const cpu = { web: processCpuMs(ctx.web.child.pid) - cpu0.web, clients: process.cpuUsage(cpu0.clients), busy: (machine.busy - cpu0.machine.busy) / (machine.total - cpu0.machine.total) };
  await sleep(200);
  await notifies.stop();
  for (const c of open) c.close();
  const secs = written.ms / 1000;
  const perSecond = new Map<number, number>();
  for (const t of notifies.times) {
    const second = Math.floor((t - notifies.times[0]!) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const lat = pcts(result.lat);
  ctx.out.push(
    `${label}: ${clients} clients × ${num(lines)} lines at ${num(rate)} lines/s (written in ${secs.toFixed(2)} s)`,
    `   every client got every line in order: ${result.complete && result.inOrder ? "yes" : "NO"} (${num(clients * lines)} deliveries)`,
    `   latency append → client: ${fmt(lat)}  [target p95 < 250 ms: ${lat.p95 < 250 ? "met" : "MISSED"}]`,
    `   NOTIFYs: ${notifies.times.length} in ${secs.toFixed(2)} s = ${(notifies.times.length / secs).toFixed(1)}/s (busiest second ${Math.max(0, ...perSecond.values())}); writer flushes ${written.notifier.flushes}`,
    `   web process: peak RSS ${ctx.web.child.peakRssMb()} MiB, CPU ${(cpu.web / 1000).toFixed(2)} s; clients (this process) CPU ${((cpu.clients.user + cpu.clients.system) / 1e6).toFixed(2)} s; machine ${Math.round(cpu.busy * 100)}% busy`,
  );
}

/** Phase 3: one client, rising rates; the highest rate delivered whole, in order, at pace, with p99 < 1 s. */
async function ramp(ctx: TCtx, rates: number[], seconds: number): Promise<void> {
  ctx.out.push(`3. single task stream, 1 client, ${seconds} s per rate:`);
  let best = 0;
  let biggest = { task: "", lines: 0 };
  for (const rate of rates) {
    const task = await ctx.newTask();
    const lines = rate * seconds;
    const { clients, result, received } = await connect(ctx.web.url, [task], 1, lines);
    const written = await write(ctx.env, [task], lines, rate);
    const stored = await ctx.stored(task); // fewer than written when the writer's buffer overflowed (it drops the oldest)
    await received(stored, 60_000);
    clients[0]!.close();
    const lat = pcts(result.lat);
    const delivered = (stored * 1000) / (result.lastAt - result.firstAppend);
    const paced = written.ms <= seconds * 1100 && stored === lines;
    const kept = result.complete && result.inOrder && paced && lat.p99 < 1000;
    if (kept) best = rate;
    if (stored > biggest.lines) biggest = { task, lines: stored };
    const writer = paced ? "yes" : `no (${(written.ms / 1000).toFixed(1)} s, ${num(lines - stored)} lines dropped by its buffer)`;
    ctx.out.push(`   ${num(rate).padStart(7)} lines/s: delivered ${num(delivered)}/s${result.complete ? "" : " (INCOMPLETE)"}, ${fmt(lat)}, writer kept pace: ${writer} → ${kept ? "sustained" : "NOT sustained"}`);
  }
  ctx.out.push(`   max sustained live rate: ${best ? `${num(best)} lines/s` : "none of the rates"}`);
  const started = performance.now();
  const { clients, received } = await connect(ctx.web.url, [biggest.task], 1, 1);
  const whole = await received(biggest.lines, 60_000);
  clients[0]!.close();
  const replayed = `${num((biggest.lines * 1000) / (performance.now() - started))} lines/s${whole ? "" : " (INCOMPLETE)"}`;
  ctx.out.push(`   history replay of ${num(biggest.lines)} lines to one client: ${replayed}`);
}

/** Phase 4: N idle connections on one fresh web process: memory per connection, then one line to all of them. */
async function connections(ctx: TCtx, counts: number[], tasks: number): Promise<void> {
  await ctx.web.child.stop();
  ctx.web = await startWeb(ctx.env);
  ctx.out.push(`4. concurrent connections on one web process (${tasks} tasks):`);
  for (const n of counts) {
    const taskIds = await Promise.all(Array.from({ length: tasks }, () => ctx.newTask()));
    const before = await ctx.web.stats();
    const { clients, result, received } = await connect(ctx.web.url, taskIds, Math.ceil(n / tasks), 1);
    const held = await ctx.web.stats();
    await write(ctx.env, taskIds, 1, 1000);
    await received(1, 30_000);
    for (const c of clients) c.close();
    await sleep(500);
    const after = await ctx.web.stats();
    const perConn = (k: keyof NodeJS.MemoryUsage) => ((held.memory[k] - before.memory[k]) / clients.length / 1024).toFixed(1);
    ctx.out.push(
      `   ${num(clients.length)} connections held: RSS ${(held.memory.rss / 2 ** 20).toFixed(0)} MiB (+${perConn("rss")} KiB/connection, heap +${perConn("heapUsed")} KiB/connection); ` +
        `one line to all: ${result.complete ? "all got it" : "NOT all got it"}, ${fmt(pcts(result.lat))}; after disconnect: ${after.hub.subscribers} subscribers, ${after.hub.tasks} tasks`,
    );
  }
}

type TCtx = { url: string; env: TEnv; web: Awaited<ReturnType<typeof startWeb>>; newTask(): Promise<string>; stored(taskId: string): Promise<number>; out: string[] };

async function benchMain(): Promise<number> {
  const only = new Set((process.env.BENCH_SSE_ONLY || "fanout,burst,ramp,connections").split(","));
  const database = await openBenchDatabase(log);
  process.env.DATABASE_URL = database.url; // before the first env() read
  const storage = mkdtempSync(path.join(os.tmpdir(), "mb-bench-sse-"));
  const env: TEnv = { DATABASE_URL: database.url, STORAGE_DIR: storage, LOG_LEVEL: "warn" };
  const { db, disconnectDb } = await import("@/server/db/client");
  const { createLogTask } = await import("@/tests/helpers/log-fixtures");
  env.WARM_TASK = await createLogTask(db(), "local");
  const ctx: TCtx = {
    url: database.url, env, web: await startWeb(env), out: [],
    newTask: () => createLogTask(db(), "local"),
    stored: async (id) => Number((await db().task.findUniqueOrThrow({ where: { id }, select: { logSeq: true } })).logSeq),
  };
  try {
    const [clients] = ints("BENCH_SSE_CLIENTS", "200");
    if (only.has("fanout")) await fanout(ctx, "1. steady", clients!, ints("BENCH_SSE_LINES", "5000")[0]!, ints("BENCH_SSE_RATE", "1000")[0]!);
    if (only.has("burst")) await fanout(ctx, "2. burst", clients!, ints("BENCH_SSE_BURST", "5000")[0]!, ints("BENCH_SSE_BURST", "5000")[0]!);
    if (only.has("ramp")) await ramp(ctx, ints("BENCH_SSE_RAMP", "2000,5000,10000,20000,40000,80000"), ints("BENCH_SSE_RAMP_SECONDS", "3")[0]!);
    if (only.has("connections")) await connections(ctx, ints("BENCH_SSE_CONNECTIONS", "500,1000"), ints("BENCH_SSE_TASKS", "10")[0]!);
    console.log(`bench:sse (database ${database.label}; ${os.cpus().length} cores)\n${ctx.out.join("\n")}`);
    return 0;
  } finally {
    killAllChildren();
    await disconnectDb();
    await database.release();
    rmSync(storage, { recursive: true, force: true });
  }
}
