// Body of repro.ts. Same calls as worker/run-batch.ts, one batch at a time on an otherwise idle database, so each
// step's wall time is its own: pg-boss fetch, markStarted, the handlers, settleJobs, and pg-boss's own complete().
import pg from "pg";
import type { JobWithMetadata } from "pg-boss";
import { LOCAL_CALLER } from "@/server/auth/caller";
import { db, disconnectDb } from "@/server/db/client";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { submitJobs } from "@/server/jobs/submit-job";
import { markStarted } from "@/server/jobs/tracking/mark-started";
import { settleJobs } from "@/server/jobs/tracking/settle-jobs";
import { AbortRegistry } from "@/worker/abort-registry";
import { createBatchRunner } from "@/worker/run-batch";
import { openBenchDatabase } from "./bench-db";
import { median } from "./measure";

const log = (line: string) => console.error(`[repro] ${line}`);
const BATCH = 100;

export async function reproBatches(): Promise<number> {
  const batches = Number(process.env.BENCH_REPRO_BATCHES ?? 40);
  const database = await openBenchDatabase(log);
  process.env.DATABASE_URL = database.url;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    // What-if schema changes (e.g. dropping an index) are tried on the scratch database only.
    if (process.env.BENCH_REPRO_DDL) await client.query(process.env.BENCH_REPRO_DDL);
    const boss = await getProducer();
    const runBatch = createBatchRunner({ boss, workerId: "repro", registry: new AbortRegistry() });
    const steps: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    // Wall time, and this process's CPU time (user+system) in the step: JS work vs waiting on the database.
    const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await fn();
      (steps[name] ??= []).push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      (cpu[name] ??= []).push((c.user + c.system) / 1000);
      return out;
    };
    const fetch = async () => {
      await submitJobs(LOCAL_CALLER, "system.noop", Array.from({ length: BATCH }, () => ({})));
      const jobs = (await time("pg-boss fetch", () => boss.fetch<TJobEnvelope>("system", { batchSize: BATCH, includeMetadata: true }))) as JobWithMetadata<TJobEnvelope>[];
      for (const job of jobs) job.signal = new AbortController().signal; // pg-boss sets this before the handler
      return jobs;
    };
    for (let i = 0; i < batches; i++) {
      // A: the tracking statements alone.
      let jobs = await fetch();
      await time("markStarted", () => markStarted(jobs.map((j) => ({ id: j.id, retryCount: j.retryCount, data: j.data, queue: "system" })), "repro"));
      const outcomes = jobs.map((j) => ({ id: j.id, retryCount: j.retryCount, ok: true as const, result: { ok: true, note: null } }));
      await time("settleJobs", () => settleJobs(boss, "system", outcomes));
      await time("pg-boss complete() after handler (no-op)", () => boss.complete("system", jobs.map((j) => j.id)));
      // B: the whole batch runner (tracking + handlers); minus A's statements = per-job JS around the handlers.
      jobs = await fetch();
      await time("runBatch (whole)", () => runBatch("system", jobs));
      // C: the round-trip floor: an empty statement, and an empty interactive transaction, via Prisma and via pg.
      await time("prisma SELECT 1", () => db().$queryRawUnsafe("SELECT 1"));
      await time("pg SELECT 1", () => client.query("SELECT 1"));
      await time("prisma $transaction{SELECT 1}", () => db().$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1")));
      await time("pg BEGIN;SELECT 1;COMMIT", async () => {
        await client.query("BEGIN");
        await client.query("SELECT 1");
        await client.query("COMMIT");
      });
    }
    console.log(`${batches} batches of ${BATCH} jobs, one at a time; median per batch (first 2 dropped as warm-up):`);
    console.log(`  ${"step".padEnd(42)} ${"wall".padStart(9)} ${"cpu here".padStart(9)}`);
    for (const [name, values] of Object.entries(steps)) {
      const ms = (v: number[]) => `${median(v.slice(2)).toFixed(2)} ms`.padStart(9);
      console.log(`  ${name.padEnd(42)} ${ms(values)} ${ms(cpu[name]!)}`);
    }
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await stopProducer().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await database.release();
  }
}
