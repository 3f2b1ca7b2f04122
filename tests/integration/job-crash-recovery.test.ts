import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/server/db/client";
import { getJob } from "@/server/jobs/get-job";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { submitJob } from "@/server/jobs/submit-job";
import { makeOrg } from "../helpers/test-callers";
import { waitFor } from "../helpers/wait-for";
import { startWorker, type TWorkerHandle } from "../helpers/worker-process";

const org = makeOrg();
const workers: TWorkerHandle[] = [];

beforeAll(async () => {
  await getProducer();
});

afterAll(async () => {
  for (const w of workers) await w.stop();
  await stopProducer();
  await disconnectDb();
});

describe("a worker killed mid-job", () => {
  it("has its job picked up by another worker within 30 s and completed once", async () => {
    const first = await startWorker({ args: ["--queues", "default:1"] });
    workers.push(first);
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 3, steps: 3 } });
    await waitFor("the first worker to start the job", async () => {
      const job = await getJob(org.orgId, id);
      return job.status === "active" && job.workerId === first.id;
    });
    await first.stop("SIGKILL");
    const killedAt = Date.now();

    const second = await startWorker({ args: ["--queues", "default:1"] });
    workers.push(second);
    const done = await waitFor("the job to complete on the second worker", async () => {
      const job = await getJob(org.orgId, id);
      return job.status === "completed" ? job : undefined;
    }, 45_000);
    const recoveredAfterMs = done.attempts[1]!.startedAt.getTime() - killedAt;
    expect(recoveredAfterMs).toBeLessThan(30_000);
    expect(done.workerId).toBe(second.id);
    expect(done.attempt).toBe(2);
    expect(done.attempts.map((a) => [a.workerId, a.status])).toEqual([
      [first.id, "failed"],
      [second.id, "completed"],
    ]);
    // Nothing duplicated: one tracked row, one pg-boss job with that id.
    expect(await db().job.count({ where: { id } })).toBe(1);
    const inBoss = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE id = $1::uuid`, id);
    expect(Number(inBoss[0]!.n)).toBe(1);
    const dead = await db().worker.findUnique({ where: { id: first.id } });
    expect(dead?.status).toBe("dead");
    await second.stop();
  });
});

describe("SIGTERM", () => {
  it("drains: the running job finishes before the worker exits", async () => {
    const w = await startWorker({ args: ["--queues", "default:1"] });
    workers.push(w);
    const { id } = await submitJob(org.member, { type: "system.sleep", params: { seconds: 1.5, steps: 3 } });
    await waitFor("the job to start on this worker", async () => {
      const job = await getJob(org.orgId, id);
      return job.status === "active" && job.workerId === w.id;
    });
    const code = await w.stop("SIGTERM");
    expect(code).toBe(0);
    const job = await getJob(org.orgId, id);
    expect(job.status, w.output()).toBe("completed");
    expect((await db().worker.findUnique({ where: { id: w.id } }))?.status).toBe("stopped");
  });
});
