import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/logs/[taskId]/stream/route";
import { LOCAL_CALLER } from "@/server/auth/caller";
import { env } from "@/server/config/env";
import { db, disconnectDb } from "@/server/db/client";
import { closePgPool } from "@/server/db/pg-pool";
import { closeLogHub, configureLogServing, logHub } from "@/server/evaluation/logs/process-log-hub";
import { activeLogStreams } from "@/server/evaluation/logs/sse-stream";
import { TASK_LOG_CHANNEL, notifyTaskLog } from "@/server/evaluation/logs/task-log-channel";
import { createTaskLogWriter } from "@/server/evaluation/logs/task-log-writer";
import { logger } from "@/server/logger";
import { closeJobNotifier } from "@/server/notify/job-notifier";
import { createLogRun, createLogTask } from "../helpers/log-fixtures";
import { serveRoute, type TServedRoute } from "../helpers/route-http";
import { openSse, type TSseClient } from "../helpers/sse-client";
import { waitFor } from "../helpers/wait-for";

// The real route module over real HTTP (node:http, as `next start` would hand it a Request), real PostgreSQL,
// lines written by the real task-log-writer whose coalesced NOTIFY must reach the stream. The poll is slowed
// to a minute so every live line below arrives through LISTEN/NOTIFY, not the fallback poll.
configureLogServing({ heartbeatMs: 300, pollMs: 60_000, settleMs: 800, cacheLines: 1000 });

const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "mb-log-stream-"));
const writer = createTaskLogWriter({ db, storageDir, log: logger, onFlushed: notifyTaskLog });
const orgId = LOCAL_CALLER.orgId; // AUTH_MODE=none: every request is the local admin of org "local"
const tasks: string[] = [];
let web: TServedRoute;
const clients: TSseClient[] = [];

async function task(status: "running" | "completed" = "running", owner = orgId): Promise<string> {
  const id = await createLogTask(db(), owner, status);
  tasks.push(id);
  return id;
}

async function write(taskId: string, messages: string[], runId: string | null = null): Promise<void> {
  for (const message of messages) writer.append({ taskId, runId, level: "info", message });
  await writer.flush();
}

async function stream(taskId: string, query = "", headers: Record<string, string> = {}, base = web.url): Promise<TSseClient> {
  const client = await openSse(`${base}/api/v1/logs/${taskId}/stream${query}`, { headers });
  clients.push(client);
  return client;
}

const seqs = (c: TSseClient) => c.logs().map((l) => Number(l.seq));
const messages = (c: TSseClient) => c.logs().map((l) => l.message);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const hasLines = (n: number) => (c: TSseClient) => c.logs().length >= n;

beforeAll(async () => {
  web = await serveRoute("/api/v1/logs/[taskId]/stream", GET);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await web?.close();
  await writer.close();
  await db().task.deleteMany({ where: { id: { in: tasks } } });
  await closeLogHub();
  await closeJobNotifier();
  await closePgPool();
  await disconnectDb();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe("GET /api/v1/logs/{taskId}/stream", () => {
  it("sends the history, then live lines written by the task-log-writer, as SSE with sequence ids", async () => {
    const id = await task();
    await write(id, ["one", "two", "three"]);
    const client = await stream(id);
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(client.headers["cache-control"]).toMatch(/no-cache/);
    expect(client.headers["x-accel-buffering"]).toBe("no");
    await client.waitFor("the history", hasLines(3));

    await write(id, ["four", "five"]);
    await client.waitFor("the live lines", hasLines(5));
    expect(messages(client)).toEqual(["one", "two", "three", "four", "five"]);
    expect(client.events.filter((e) => e.event === "log").map((e) => e.id)).toEqual(["1", "2", "3", "4", "5"]);
    const first = client.logs()[0]!;
    expect(Object.keys(first).sort()).toEqual(["at", "level", "message", "runId", "seq"]);
    expect(first).toMatchObject({ seq: "1", runId: null, level: "info", message: "one" });
    expect(new Date(first.at).toString()).not.toBe("Invalid Date");
  });

  it("resumes after Last-Event-ID (or ?after=) without duplicates or gaps", async () => {
    const id = await task();
    await write(id, range(1, 10).map((i) => `line ${i}`));
    const first = await stream(id);
    await first.waitFor("some lines", hasLines(4));
    first.close();
    const lastId = first.events.filter((e) => e.event === "log").at(-1)!.id!;
    await write(id, range(11, 15).map((i) => `line ${i}`)); // written while no client is connected

    const resumed = await stream(id, "?after=2", { "Last-Event-ID": lastId }); // the header wins over ?after
    await resumed.waitFor("the rest", (c) => seqs(c).at(-1) === 15);
    expect([...seqs(first), ...seqs(resumed)]).toEqual(range(1, 15));

    const after = await stream(id, "?after=12");
    await after.waitFor("lines after 12", (c) => seqs(c).at(-1) === 15);
    expect(seqs(after)).toEqual([13, 14, 15]);
  });

  it("filters one run's lines (plus the task-level ones), history and live", async () => {
    const id = await task();
    const [runA, runB] = [await createLogRun(db(), id, orgId), await createLogRun(db(), id, orgId)];
    await write(id, ["task start"]);
    await write(id, ["a1"], runA);
    await write(id, ["b1"], runB);
    const client = await stream(id, `?runId=${runA}`);
    await client.waitFor("the history", hasLines(2));
    await write(id, ["b2"], runB);
    await write(id, ["a2"], runA);
    await write(id, ["task end"]);
    await client.waitFor("the live lines", hasLines(4));
    expect(messages(client)).toEqual(["task start", "a1", "a2", "task end"]);
    expect(seqs(client)).toEqual([1, 2, 5, 6]);
  });

  it("ends with `event: end` once the task is final and every line is out, including lines logged after the status", async () => {
    const id = await task();
    await write(id, ["working"]);
    const client = await stream(id);
    await client.waitFor("the first line", hasLines(1));
    // finish-task's order: the status first, then its last line (flushed ~100 ms later)
    await db().task.update({ where: { id }, data: { status: "completed", finishedAt: new Date() } });
    setTimeout(() => void write(id, ["Task completed"]), 200);
    await client.waitFor("the end event", (c) => c.events.some((e) => e.event === "end"));
    await client.ended;
    expect(messages(client)).toEqual(["working", "Task completed"]);
    expect(client.events.at(-1)).toEqual({ event: "end", data: JSON.stringify({ status: "completed" }) });

    const done = await task("completed");
    await write(done, ["old 1", "old 2"]);
    const late = await stream(done);
    await late.ended;
    expect(messages(late)).toEqual(["old 1", "old 2"]);
    expect(late.events.at(-1)!.event).toBe("end");
  });

  it("sends a heartbeat comment on a quiet stream", async () => {
    const client = await stream(await task());
    await client.waitFor("two heartbeats", (c) => c.comments.filter((x) => x === "heartbeat").length >= 2, 3000);
  });

  it("answers JSON errors: 404 for another org's task or an unknown one, 400 naming the field", async () => {
    const foreign = await task("running", `org-${randomUUID().slice(0, 8)}`);
    await write(foreign, ["secret"]);
    const own = await task();
    const otherRun = await createLogRun(db(), foreign, "someone-else");
    const cases: [string, Record<string, string>, number, string | undefined][] = [
      [`${foreign}/stream`, {}, 404, undefined],
      [`${randomUUID()}/stream`, {}, 404, undefined],
      [`not-a-uuid/stream`, {}, 400, "taskId"],
      [`${own}/stream?runId=nope`, {}, 400, "runId"],
      [`${own}/stream?runId=${otherRun}`, {}, 404, "runId"],
      [`${own}/stream`, { "Last-Event-ID": "-1" }, 400, "Last-Event-ID"],
    ];
    for (const [pathTail, headers, status, field] of cases) {
      const client = await openSse(`${web.url}/api/v1/logs/${pathTail}`, { headers });
      expect(client.status, pathTail).toBe(status);
      const body = JSON.parse(await client.body) as { error: { code: string; field?: string; requestId: string } };
      expect(body.error.code).toBe(status === 404 ? "NOT_FOUND" : "INVALID_INPUT");
      expect(body.error.field).toBe(field);
      expect(body.error.requestId).toBeTruthy();
    }
  });

  it("releases the subscription and the heartbeat when clients disconnect", async () => {
    for (const client of clients.splice(0)) client.close();
    await waitFor("no streams left", async () => activeLogStreams() === 0, 5000);
    const id = await task();
    const some = await Promise.all(range(1, 5).map(() => stream(id)));
    await waitFor("5 streams", async () => activeLogStreams() === 5 && logHub().counts().subscribers === 5, 5000);
    for (const client of some) client.close();
    await waitFor("everything released", async () => activeLogStreams() === 0 && logHub().counts().tasks === 0, 5000);
    expect(logHub().counts()).toEqual({ tasks: 0, subscribers: 0 });
  });

  it("re-reads after the database drops every connection (as in a restart): lines committed meanwhile still arrive", async () => {
    const id = await task();
    const client = await stream(id);
    await write(id, ["before"]);
    await client.waitFor("the first line", hasLines(1));
    const reconnects = logHub().stats.reconnects;
    const admin = new pg.Client({ connectionString: env().DATABASE_URL });
    await admin.connect();
    // every connection of this test database: the hub's LISTEN, its pool, the writer's Prisma pool
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await admin.end();
    await write(id, ["during"]); // its NOTIFY has no listener here (the writer retries a flush that hit a dead connection)
    await client.waitFor("the line written while disconnected", hasLines(2));
    expect(messages(client)).toEqual(["before", "during"]);
    expect(logHub().stats.reconnects).toBeGreaterThan(reconnects);
  });
});

describe("several web processes and bursts", () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
  });

  it("delivers a line written once to clients of two web processes (two hubs, two LISTEN connections)", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/helpers/log-route-server.ts", "--poll-ms", "60000"], {
      env: { ...process.env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    const otherUrl = await waitFor("the second web process", async () => /listening (\S+)/.exec(output)?.[1], 30_000);

    const id = await task();
    const here = await stream(id);
    const there = await stream(id, "", {}, otherUrl);
    await write(id, ["to everyone"]);
    await Promise.all([here, there].map((c) => c.waitFor("the line", hasLines(1))));
    expect(messages(there)).toEqual(["to everyone"]);
    expect(messages(here)).toEqual(["to everyone"]);
    const stats = (await (await fetch(`${otherUrl}/stats`)).json()) as { hub: { tasks: number; notifications: number } };
    expect(stats.hub.tasks).toBe(1);
    expect(stats.hub.notifications).toBeGreaterThan(0);
  });

  it("coalesces a burst of 5,000 lines in 1 s into at most ~20 NOTIFYs; every line reaches every client in order", async () => {
    const id = await task();
    const listener = new pg.Client({ connectionString: env().DATABASE_URL });
    await listener.connect();
    let notifies = 0;
    listener.on("notification", (n) => void (n.payload?.includes(id) && notifies++));
    await listener.query(`LISTEN ${TASK_LOG_CHANNEL}`);

    const readers = await Promise.all(range(1, 3).map(() => stream(id)));
    await waitFor("the readers to subscribe", async () => logHub().counts().subscribers >= 3);
    const before = { ...logHub().stats };
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      for (let j = 1; j <= 50; j++) writer.append({ taskId: id, runId: null, level: "info", message: `burst ${i * 50 + j}` });
      await new Promise((r) => setTimeout(r, 10));
    }
    await writer.flush();
    const writeMs = performance.now() - started;
    await Promise.all(readers.map((c) => c.waitFor("all 5,000 lines", hasLines(5000), 30_000)));
    for (const reader of readers) expect(seqs(reader)).toEqual(range(1, 5000));
    expect(messages(readers[0]!).at(-1)).toBe("burst 5000");
    // readers further behind than the hub's window (1,000 lines here) page through the database
    const late = await stream(id, "", { "Last-Event-ID": "1234" });
    await late.waitFor("the history from 1235", hasLines(5000 - 1234), 30_000);
    expect(seqs(late)).toEqual(range(1235, 5000));
    await new Promise((r) => setTimeout(r, 300)); // the last coalesced NOTIFY
    await listener.end();

    expect(writeMs).toBeLessThan(2500);
    expect(notifies).toBeGreaterThan(0);
    expect(notifies).toBeLessThanOrEqual(20);
    // one feed query per notification for the task, shared by its three readers
    const refreshes = logHub().stats.refreshes - before.refreshes;
    expect(refreshes).toBeLessThanOrEqual(logHub().stats.notifications - before.notifications + 1);
  });
});
