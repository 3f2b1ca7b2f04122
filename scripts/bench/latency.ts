// 4. Pickup latency on an idle queue: one job at a time, each waited for, so every pickup starts from an idle worker.
import { randomBytes } from "node:crypto";
import { LOCAL_CALLER } from "@/server/auth/caller";
import { submitJob } from "@/server/jobs/submit-job";
import type { TBenchCtx } from "./config";
import { sleep } from "./proc";
import { startAppWorker } from "./tracked";

/**
 * client: "JobAttempt"."startedAt" − Date.now() right after submitJob resolved (i.e. after COMMIT, when NOTIFY fires);
 *   slightly optimistic by the commit-acknowledge time (< 1 ms).
 * db: "JobAttempt"."startedAt" − "Job"."createdAt"; createdAt is stamped when the submit's INSERT runs, before
 *   pg-boss's send and the COMMIT, so this also counts the rest of the submit transaction.
 * Both timestamps are timestamptz(3): the figures have 1 ms resolution.
 */
export type TLatency = { clientMs: number[]; dbMs: number[]; peakRssMb?: number };

const WARMUP = 5;

export async function pickupLatency(ctx: TBenchCtx): Promise<TLatency> {
  const worker = await startAppWorker(ctx, `bench-latency-${randomBytes(2).toString("hex")}`);
  const clientMs: number[] = [];
  const dbMs: number[] = [];
  try {
    await sleep(1000); // past the worker's first (empty) fetches: its loops now wait for NOTIFY, the idle state
    for (let i = 0; i < WARMUP + ctx.cfg.latencyJobs; i++) {
      await sleep(5 + Math.random() * 15);
      const { id } = await submitJob(LOCAL_CALLER, { type: "system.noop", params: {} });
      const submitted = Date.now();
      const row = await waitCompleted(ctx, id);
      if (i < WARMUP) continue; // producer start, Prisma's first queries
      clientMs.push(row.started - submitted);
      dbMs.push(row.started - row.created);
    }
    return { clientMs, dbMs, peakRssMb: worker.peakRssMb() };
  } finally {
    await worker.stop();
  }
}

async function waitCompleted(ctx: TBenchCtx, id: string): Promise<{ started: number; created: number }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await ctx.probe.query<{ status: string; started: string; created: string }>(
      `SELECT j.status, EXTRACT(EPOCH FROM a."startedAt") * 1000 AS started, EXTRACT(EPOCH FROM j."createdAt") * 1000 AS created
       FROM "Job" j LEFT JOIN "JobAttempt" a ON a."jobId" = j.id AND a.attempt = 1 WHERE j.id = $1`,
      [id],
    );
    const row = rows[0];
    if (row?.status === "completed") return { started: Number(row.started), created: Number(row.created) };
    if (row && row.status !== "queued" && row.status !== "active") throw new Error(`latency job ${id} ended ${row.status}`);
    if (Date.now() > deadline) throw new Error(`latency job ${id} not completed within 30 s (status ${row?.status})`);
    await sleep(2);
  }
}
