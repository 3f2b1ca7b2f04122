import type { Job, PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "@/server/db/client";
import { closePgPool, pgPool } from "@/server/db/pg-pool";
import { cancelJob } from "@/server/jobs/cancel-jobs";
import { getJob } from "@/server/jobs/get-job";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { submitJob, submitJobs } from "@/server/jobs/submit-job";
import { markStarted } from "@/server/jobs/tracking/mark-started";
import { reconcileActiveJobs } from "@/server/jobs/tracking/reconcile-jobs";
import { settleJobs } from "@/server/jobs/tracking/settle-jobs";
import { closeJobNotifier } from "@/server/notify/job-notifier";
import { AbortRegistry } from "@/worker/abort-registry";
import { createBatchRunner, MARK_STARTED_AFTER_MS } from "@/worker/run-batch";
import { skipRedundantCompletions } from "@/worker/skip-redundant-complete";
import { Supervisor } from "@/worker/supervisor";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";

// The batch runner in this process, on the "system" queue (a batch queue: one tracking write per job), with
// system.noop replaced by a handler the tests steer: note "slow…" waits for its signal (10 s at most) and
// reports progress; anything else returns at once. The real Supervisor delivers cancel notifications.
const steer = vi.hoisted(() => ({ started: new Set<string>(), calls: [] as string[], aborts: new Map<string, string>() }));
vi.mock("@/worker/handlers/registry", () => ({
  HANDLERS: {
    "system.noop": async (params: { note?: string }, ctx: { jobId: string; signal: AbortSignal; progress: (p: number, m?: string) => void }) => {
      steer.calls.push(ctx.jobId);
      if (!params.note?.startsWith("slow")) return { ok: true, note: params.note ?? null };
      steer.started.add(ctx.jobId);
      const { signal } = ctx;
      if (params.note === "slow-progress") ctx.progress(40, "working");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (signal.aborted) {
        steer.aborts.set(ctx.jobId, String((signal.reason as Error)?.message));
        throw Object.assign(new Error("aborted"), { name: "AbortError" });
      }
      return { ok: true, note: params.note };
    },
  },
}));

const org = makeOrg();
const workerId = `test-one-write-${org.orgId}`;
const registry = new AbortRegistry();
let boss: PgBoss;
let supervisor: Supervisor;
let runBatch: ReturnType<typeof createBatchRunner>;

// What work() hands a handler: fetched jobs with an AbortSignal of their own (pg-boss's hard timeout, lost claim).
async function fetchAll(n: number): Promise<Job<TJobEnvelope>[]> {
  const jobs = (await boss.fetch<TJobEnvelope>("system", { batchSize: n })) as Job<TJobEnvelope>[];
  for (const job of jobs) job.signal = new AbortController().signal;
  return jobs;
}
const bossState = async (id: string) =>
  (await pgPool().query<{ state: string }>(`SELECT state::text FROM pgboss.job WHERE name = 'system' AND id = $1`, [id])).rows[0]?.state;

beforeAll(async () => {
  boss = await getProducer();
  runBatch = createBatchRunner({ boss, workerId, registry });
  // Leftovers of earlier runs in this database would be fetched with ours: run them out first.
  for (let jobs = await fetchAll(1000); jobs.length > 0; jobs = await fetchAll(1000)) await runBatch("system", jobs);
  supervisor = new Supervisor({
    boss, url: process.env.DATABASE_URL!, workerId, queues: new Map([["system", 1]]), registry,
    consumers: { sync: async () => undefined } as never, heartbeatSeconds: 1, deadAfterSeconds: 30,
  });
  await supervisor.start();
});

afterAll(async () => {
  await supervisor?.setStatus("stopped");
  await stopProducer();
  await closeJobNotifier();
  await closePgPool();
  await disconnectDb();
});

describe("batch queue: one tracking write per job", () => {
  it("settles a batch in one statement: pg-boss completed, rows completed with attempt, worker and times", async () => {
    const { ids } = await submitJobs(org.member, "system.noop", Array.from({ length: 50 }, (_, i) => ({ note: `n${i}` })));
    const jobs = await fetchAll(100);
    expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
    const query = vi.spyOn(pgPool(), "query");
    try {
      await runBatch("system", jobs);
      const statements = query.mock.calls.map(([q]) => (typeof q === "string" ? q : (q as { text: string }).text));
      expect(statements.filter((s) => /"Job"/.test(s))).toHaveLength(1); // no markStarted: the settle is the one write
    } finally {
      query.mockRestore();
    }
    const rows = await db().job.findMany({ where: { id: { in: ids } }, include: { attempts: true } });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "completed", attempt: 1, workerId, progress: 100 });
      expect(row.result).toEqual({ ok: true, note: (row.params as { note: string }).note });
      expect(row.finishedAt!.getTime()).toBeGreaterThanOrEqual(row.startedAt!.getTime());
      expect(row.attempts).toMatchObject([{ attempt: 1, status: "completed", workerId }]);
      expect(row.attempts[0]!.startedAt.getTime()).toBe(row.startedAt!.getTime());
    }
    expect(await bossState(ids[0]!)).toBe("completed");
  });

  it("ends a job cancelled while running cancelled: the handler is aborted, the attempt recorded", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "slow" } });
    const [job] = await fetchAll(10);
    expect(job?.id).toBe(id);
    const running = runBatch("system", [job!]);
    await waitFor("the handler to start", async () => steer.started.has(id));
    const t0 = Date.now();
    await cancelJob(org.member, id);
    await running;
    expect(Date.now() - t0).toBeLessThan(3000); // through the NOTIFY, not the 10 s sleep
    expect(steer.aborts.get(id)).toBe("cancelled");
    const row = await getJob(org.orgId, id);
    expect(row).toMatchObject({ status: "cancelled", attempt: 1, workerId });
    expect(row.attempts).toMatchObject([{ attempt: 1, status: "cancelled", workerId }]);
    expect(await bossState(id)).toBe("cancelled");
  });

  it("does not run a job whose cancel notification arrived before the batch ran", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "never" } });
    const [job] = await fetchAll(10);
    await cancelJob(org.member, id);
    await waitFor("the cancel notification", async () => registry.abortedBeforeStart(id));
    await runBatch("system", [job!]);
    expect(steer.calls).not.toContain(id);
    expect((await getJob(org.orgId, id)).status).toBe("cancelled");
  });

  it(`marks a long job active after ${MARK_STARTED_AFTER_MS} ms or at its first progress report`, async () => {
    const { ids } = await submitJobs(org.member, "system.noop", [{ note: "slow" }, { note: "slow-progress" }]);
    const jobs = await fetchAll(10);
    const running = runBatch("system", jobs);
    const [quiet, reporting] = ids as [string, string];
    const progressed = await waitFor("the progress write", async () => {
      const row = await getJob(org.orgId, reporting);
      return row.status === "active" && row.progress === 40 ? row : undefined;
    }, 2000);
    expect(progressed).toMatchObject({ progressMessage: "working", attempt: 1, workerId });
    expect((await getJob(org.orgId, quiet)).status).toBe("queued");
    await waitFor("the quiet job to be marked active", async () => (await getJob(org.orgId, quiet)).status === "active", MARK_STARTED_AFTER_MS + 2000);
    for (const id of ids) registry.abort(id, new Error("test over"));
    await running;
    for (const id of ids) {
      const row = await getJob(org.orgId, id);
      expect(row).toMatchObject({ status: "failed", errorMessage: "test over" }); // system.noop has no retries
      expect(row.attempts).toMatchObject([{ attempt: 1, status: "failed" }]);
    }
  });

  it("brings the row in line when pg-boss took the attempt away meanwhile (expiry, lost heartbeat)", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "slow" } });
    const [job] = await fetchAll(10);
    const running = runBatch("system", [job!]);
    await waitFor("the handler to start", async () => steer.started.has(id));
    await boss.fail("system", [{ id, retryCount: job!.retryCount }], { message: "job heartbeat timeout" });
    registry.abort(id, new Error("lost claim"));
    await running;
    const row = await getJob(org.orgId, id);
    expect(row).toMatchObject({ status: "failed", attempt: 1, workerId, errorMessage: "job heartbeat timeout", deadLettered: true });
    expect(row.attempts).toMatchObject([{ attempt: 1, status: "failed", workerId }]);
  });

  it("settles a retry whose row still shows the expired attempt as running: that attempt is closed as lost", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "retried" }, retryLimit: 1 });
    const [first] = await fetchAll(10);
    await markStarted([{ id, retryCount: first!.retryCount, data: first!.data, queue: "system" }], "an-expired-worker");
    await boss.fail("system", [{ id, retryCount: first!.retryCount }], { message: "job timed out" }); // back to retry; no reconcile yet
    const [second] = await fetchAll(10);
    expect(second?.retryCount).toBe(first!.retryCount + 1);
    await runBatch("system", [second!]);
    const row = await getJob(org.orgId, id);
    expect(row).toMatchObject({ status: "completed", attempt: 2, workerId, result: { ok: true, note: "retried" } });
    expect(row.attempts.map((a) => [a.attempt, a.status, a.workerId])).toEqual([
      [1, "failed", "an-expired-worker"],
      [2, "completed", workerId],
    ]);
  });

  it("reconciles a queued row whose pg-boss job failed without any worker settling it (worker lost mid-batch)", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "lost" } });
    const [job] = await fetchAll(10);
    // The worker died: nobody settles. pg-boss's heartbeat supervision fails the attempt.
    await boss.fail("system", [{ id, retryCount: job!.retryCount }], { message: "job heartbeat timeout" });
    expect((await getJob(org.orgId, id)).status).toBe("queued");
    await reconcileActiveJobs();
    expect(await getJob(org.orgId, id)).toMatchObject({ status: "failed", attempt: 1, errorMessage: "job heartbeat timeout" });
  });
});

describe("pg-boss's completion after a settled batch", () => {
  it("is answered without the database for settled ids only", async () => {
    const { PgBoss: Boss } = await import("pg-boss");
    const own = new Boss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false, migrate: false });
    await own.start();
    try {
      const skipper = skipRedundantCompletions(own)!;
      expect(skipper).toBeDefined(); // this pg-boss's completion statement is recognized
      const { ids } = await submitJobs(org.member, "system.noop", [{}, {}]);
      const jobs = await fetchAll(10);
      const [first, second] = [jobs.find((j) => j.id === ids[0])!, jobs.find((j) => j.id === ids[1])!];
      await settleJobs(own, "system", [{ id: first.id, retryCount: first.retryCount, ok: true, result: null }], workerId);
      skipper.settled([first.id]);
      expect(((await own.complete("system", [first])) as { affected: number }).affected).toBe(0);
      expect(skipper.stats).toEqual({ skipped: 1, jobs: 1 });
      // Not declared settled: pg-boss's own statement runs and completes it.
      expect(((await own.complete("system", [second])) as { affected: number }).affected).toBe(1);
      expect(skipper.stats.skipped).toBe(1);
    } finally {
      await own.stop({ graceful: false, close: true });
    }
  });
});
