import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/server/db/client";
import { cancelJob } from "@/server/jobs/cancel-jobs";
import { getJob } from "@/server/jobs/get-job";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { setQueuePaused } from "@/server/jobs/queue-control";
import { retryJob } from "@/server/jobs/retry-jobs";
import { submitJob, submitJobs } from "@/server/jobs/submit-job";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";

// A real worker process consumes what this process submits, through the real database.
const org = makeOrg();
let worker: TWorkerHandle;

const statusOf = async (id: string) => (await getJob(org.orgId, id)).status;
const until = (id: string, status: string, timeoutMs = 20_000) =>
  waitFor(`job ${id} to be ${status}`, async () => ((await statusOf(id)) === status ? getJob(org.orgId, id) : undefined), timeoutMs);

beforeAll(async () => {
  await getProducer();
  worker = await startWorker();
});

afterAll(async () => {
  await setQueuePaused("default", false, "test");
  await worker?.stop();
  await stopProducer();
  await disconnectDb();
});

describe("job lifecycle through a real worker", () => {
  it("runs a submitted job and records its result, worker and attempt", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: "hello" } });
    const job = await until(id, "completed");
    expect(job.result).toEqual({ ok: true, note: "hello" });
    expect(job.workerId).toBe(worker.id);
    expect(job.attempt).toBe(1);
    expect(job.progress).toBe(100);
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts[0]!.status).toBe("completed");
    expect(job.finishedAt!.getTime()).toBeGreaterThanOrEqual(job.startedAt!.getTime());
  });

  it("retries a failing job with growing delays up to its limit, then fails it with error and stack", async () => {
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 0, failAttempts: 10 }, retryLimit: 2 });
    const job = await until(id, "failed", 30_000);
    expect(job.attempt).toBe(3);
    expect(job.maxAttempts).toBe(3);
    expect(job.errorMessage).toBe("failing attempt 3 of 10 on purpose");
    expect(job.errorStack).toMatch(/system-sleep\.ts/);
    expect(job.deadLettered).toBe(true);
    expect(job.attempts.map((a) => a.status)).toEqual(["failed", "failed", "failed"]);
    // Exponential backoff from 1 s: the gap before attempt 3 is not shorter than before attempt 2 minus jitter.
    const [a1, a2, a3] = job.attempts;
    expect(a2!.startedAt.getTime() - a1!.finishedAt!.getTime()).toBeGreaterThanOrEqual(500);
    expect(a3!.startedAt.getTime() - a2!.finishedAt!.getTime()).toBeGreaterThanOrEqual(1000);
    const boss = await getProducer();
    const dead = await boss.findJobs("default.dead", { data: { type: "system.sleep" } });
    expect(dead.some((d) => (d as { sourceId?: string }).sourceId === id || JSON.stringify(d).includes(id))).toBe(true);
  });

  it("fails an attempt that outlives its hard timeout even when the handler ignores the abort", async () => {
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 6, steps: 6, ignoreAbort: true }, timeoutSeconds: 2, retryLimit: 0 });
    await until(id, "active");
    const job = await until(id, "failed", 20_000);
    expect(job.errorMessage).toMatch(/exceeded 2s|timed out|timeout/i);
    expect(job.finishedAt).not.toBeNull();
  });

  it("cancels a running job: the handler is aborted and the worker is free again", async () => {
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 60, steps: 60 } });
    await until(id, "active");
    await expect(cancelJob(org.otherMember, id)).rejects.toThrow(/only cancel your own/);
    await cancelJob(org.member, id);
    expect(await statusOf(id)).toBe("cancelled");
    // The handler returned at once with the cancel as its reason (it would otherwise sleep for 60 s).
    await waitFor("the worker to log the aborted handler", async () => new RegExp(`"jobId":"${id}".*"err":"cancelled"`).test(worker.output()), 5_000);
    const job = await getJob(org.orgId, id);
    expect(job.status).toBe("cancelled"); // the aborted handler's failure did not overwrite the cancel
    expect(job.attempts[0]!.status).toBe("cancelled");
  });

  it("retries a failed job: it is queued again and runs to completion", async () => {
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 0, failAttempts: 1 }, retryLimit: 0 });
    await until(id, "failed");
    await retryJob(org.member, id);
    const job = await until(id, "completed");
    expect(job.attempt).toBe(2);
    expect(job.result).toEqual({ sleptSeconds: 0, attempt: 2 });
    expect(job.errorMessage).toBeNull();
  });

  it("holds jobs of a paused queue until it is resumed", async () => {
    await setQueuePaused("default", true, org.admin.userId);
    await new Promise((r) => setTimeout(r, 1500)); // the worker stops consuming on the NOTIFY
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 0 } });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await statusOf(id)).toBe("queued");
    await setQueuePaused("default", false, org.admin.userId);
    await until(id, "completed", 10_000);
  });

  it("settled the batch-queue jobs itself: pg-boss's redundant completion skipped, status notifications coalesced", async () => {
    const { ids } = await submitJobs(org.member, "system.noop", Array.from({ length: 300 }, () => ({})));
    await waitFor("the batch to complete", async () => (await db().job.count({ where: { id: { in: ids }, status: "completed" } })) === ids.length);
    expect(await worker.stop()).toBe(0);
    const stopped = worker.output().split("\n").find((line) => line.includes('"worker stopped"'));
    const stats = JSON.parse(stopped!) as { completionsSkipped: { skipped: number; jobs: number }; notifications: { events: number; notifications: number } };
    expect(stats.completionsSkipped.jobs).toBeGreaterThanOrEqual(300);
    expect(stats.notifications.events).toBeGreaterThanOrEqual(300);
    expect(stats.notifications.notifications).toBeLessThan(stats.notifications.events / 10);
  });
});
