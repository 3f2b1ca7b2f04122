// Prototype consumer of queue "system" (NOT the app's worker): the same pg-boss instance and work() options, and
// tracking done the proposed lean way, to measure what the proposals in the report would buy end to end:
//  - one tracking write per job (lean-sql.ts) instead of markStarted's UPDATE+INSERT and settle's UPDATE+UPDATE;
//  - the settle transaction on a plain pg client instead of a Prisma interactive transaction;
//  - per job only what a no-op needs (no child logger, soft-timeout timer or progress reporter per job).
// To separate the effects: LEAN_MODE=js keeps the app's markStarted/settleJobs (Prisma) and changes only the per-job JS;
// LEAN_MODE=prisma does the one-write tracking through Prisma (interactive transaction) instead of plain pg;
// LEAN_PREPARED=1 (pg only) names the two statements, so PostgreSQL plans them once per connection, not per batch.
import pg from "pg";
import { fromPrisma, type JobWithMetadata } from "pg-boss";
import { db } from "@/server/db/client";
import type { TJobEnvelope } from "@/server/jobs/job-envelope";
import { createBoss } from "@/server/jobs/create-boss";
import { markStarted } from "@/server/jobs/tracking/mark-started";
import { settleJobs, type TOutcome } from "@/server/jobs/tracking/settle-jobs";
import { logger } from "@/server/logger";
import systemNoop from "@/worker/handlers/system-noop";
import { NOT_RUNNABLE, SETTLE_ONCE } from "./lean-sql";
import { RAW_WORK_OPTIONS } from "./raw-queue";

const url = process.env.DATABASE_URL!;
const workerId = process.env.WORKER_ID ?? "lean";
const mode = (["js", "prisma"] as const).find((m) => m === process.env.LEAN_MODE) ?? "sql";
const prepared = process.env.LEAN_PREPARED === "1";
type TTx = ReturnType<typeof fromPrisma>; // pg-boss's db adapter shape: executeSql(text, values)
const pool = new pg.Pool({ connectionString: url, max: 4 });
const boss = createBoss(url, "worker");
await boss.start();

async function runBatch(jobs: JobWithMetadata<TJobEnvelope>[]): Promise<void> {
  const ids = jobs.map((j) => j.id);
  let skip: Set<string>;
  if (mode === "js") {
    const runnable = await markStarted(jobs.map((j) => ({ id: j.id, retryCount: j.retryCount, data: j.data, queue: "system" })), workerId);
    skip = new Set(ids.filter((id) => !runnable.has(id)));
  } else if (mode === "prisma") {
    skip = new Set((await db().$queryRawUnsafe<{ id: string }[]>(NOT_RUNNABLE, ids)).map((r) => r.id));
  } else {
    const query = { text: NOT_RUNNABLE, values: [ids], ...(prepared ? { name: "mb_not_runnable" } : {}) };
    skip = new Set((await pool.query<{ id: string }>(query)).rows.map((r) => r.id));
  }
  const started = new Date();
  const running = jobs.filter((j) => !skip.has(j.id));
  const outcomes: TOutcome[] = await Promise.all(running.map(async (job): Promise<TOutcome> => {
    const base = { id: job.id, retryCount: job.retryCount };
    try {
      const progress = () => {};
      const result = await systemNoop(job.data.params, { jobId: job.id, attempt: job.retryCount + 1, signal: job.signal, progress, log: logger });
      return { ...base, ok: true, result: result ?? null };
    } catch (error) {
      return { ...base, ok: false, message: (error as Error).message, stack: (error as Error).stack };
    }
  }));
  if (mode === "js") return void (await settleJobs(boss, "system", outcomes));
  if (mode === "prisma") return void (await db().$transaction((tx) => settleOnce(fromPrisma(tx), outcomes, started)));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Only our settle statement is named: pg-boss's complete() text is pg-boss's business.
    const executeSql = (text: string, values?: unknown[]) =>
      client.query(prepared && text === SETTLE_ONCE ? { name: "mb_settle_once", text, values } : { text, values });
    await settleOnce({ executeSql }, outcomes, started);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** pg-boss completion and the single tracking statement, inside the caller's transaction. */
async function settleOnce(tx: TTx, outcomes: TOutcome[], started: Date): Promise<void> {
  const done = outcomes.filter((o) => o.ok).map((o) => ({ id: o.id, retryCount: o.retryCount }));
  const r = (await boss.complete("system", done, null, { db: tx })) as { settled?: string[] };
  const settled = new Set((r.settled ?? []).map(String));
  const rows = outcomes.filter((o) => settled.has(o.id)); // failures: one boss.fail each, as settle-jobs.ts (none here)
  if (rows.length === 0) return;
  await tx.executeSql(SETTLE_ONCE, [
    rows.map((o) => o.id), rows.map((o) => o.retryCount + 1), rows.map((o) => o.ok),
    rows.map((o) => (o.ok ? JSON.stringify(o.result ?? null) : null)), rows.map((o) => (o.ok ? null : o.message)),
    rows.map((o) => (o.ok ? null : (o.stack ?? null))), rows.map(() => started.toISOString()), workerId,
  ]);
}

await boss.work<TJobEnvelope>("system", RAW_WORK_OPTIONS, (jobs) => runBatch(jobs as JobWithMetadata<TJobEnvelope>[]));
console.log("lean worker ready");

process.once("SIGTERM", () => {
  void boss.stop({ graceful: true, timeout: 2000, close: true }).finally(() => pool.end().finally(() => process.exit(0)));
});
