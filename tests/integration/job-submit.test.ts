import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/server/db/client";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { submitJob, submitJobs } from "@/server/jobs/submit-job";
import { AppError } from "@/server/errors";
import { makeOrg } from "../helpers/test-callers";

const org = makeOrg();

afterAll(async () => {
  await stopProducer();
  await disconnectDb();
});

const countRows = () => db().job.count({ where: { orgId: org.orgId } });
const countBossJobs = async () => {
  const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE data->'params'->>'note' = $1`, org.orgId);
  return Number(rows[0]!.n);
};

describe("submit", () => {
  it("creates the tracked row and the pg-boss job together", async () => {
    const { id } = await submitJob(org.member, { type: "system.noop", params: { note: org.orgId }, priority: 9 });
    const row = await db().job.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "queued", priority: 9, orgId: org.orgId, userId: org.member.userId, teamId: "team-a" });
    const boss = await getProducer();
    const [job] = await boss.findJobs("system", { id });
    expect(job?.data).toEqual({ type: "system.noop", params: { note: org.orgId } });
  });

  it("leaves neither row nor pg-boss job when the transaction fails after both were written", async () => {
    const before = [await countRows(), await countBossJobs()];
    const real = await getProducer();
    const failing = {
      insert: real.insert.bind(real),
      send: (async (...args: Parameters<typeof real.send>) => {
        await real.send(...(args as [string, object, object]));
        throw new Error("simulated failure after send");
      }) as unknown as typeof real.send,
    };
    await expect(submitJob(org.member, { type: "system.noop", params: { note: org.orgId } }, { boss: failing })).rejects.toThrow(/simulated failure/);
    expect([await countRows(), await countBossJobs()]).toEqual(before);
  });

  it.each([
    [{ type: "system.sleep", params: { seconds: -5 } }, "params.seconds"],
    [{ type: "system.sleep", params: { seconds: 1, bogus: true } }, "params"],
    [{ type: "system.sleep", params: { seconds: "ten" } }, "params.seconds"],
    [{ type: "no.such.type", params: {} }, "type"],
    [{ type: "system.noop", params: {}, priority: 11 }, "priority"],
  ])("rejects %j naming the field %s, creating nothing", async (input, field) => {
    const before = await countRows();
    const error = await submitJob(org.member, input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).field).toBe(field);
    expect((error as AppError).message.startsWith(field)).toBe(true);
    expect(await countRows()).toBe(before);
  });

  it("submits a batch of 500 in one transaction: 500 rows and 500 pg-boss jobs", async () => {
    const before = [await countRows(), await countBossJobs()];
    const { ids } = await submitJobs(org.member, "system.noop", Array.from({ length: 500 }, () => ({ note: org.orgId })));
    expect(new Set(ids).size).toBe(500);
    expect([await countRows(), await countBossJobs()]).toEqual([before[0]! + 500, before[1]! + 500]);
    const row = await db().job.findUniqueOrThrow({ where: { id: ids[499]! } });
    expect(row).toMatchObject({ status: "queued", type: "system.noop", queue: "system", priority: 5, maxAttempts: 1, orgId: org.orgId, teamId: "team-a", userId: org.member.userId, params: { note: org.orgId } });
  });

  it("creates nothing from a batch of 500 with one invalid param, naming its index and field", async () => {
    const before = [await countRows(), await countBossJobs()];
    const params: unknown[] = Array.from({ length: 500 }, () => ({ note: org.orgId }));
    params[317] = { note: org.orgId, bogus: 1 };
    const error = await submitJobs(org.member, "system.noop", params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).message).toMatch(/^\[317\] params/);
    expect([await countRows(), await countBossJobs()]).toEqual(before);
  });

  it("joins the caller's transaction when given one: rolled back with it", async () => {
    const before = [await countRows(), await countBossJobs()];
    const rollback = new Error("caller rolled back");
    const outcome = await db()
      .$transaction(async (tx) => {
        await submitJob(org.member, { type: "system.noop", params: { note: org.orgId } }, { tx });
        await submitJobs(org.member, "system.noop", [{ note: org.orgId }, { note: org.orgId }], { tx });
        expect(await tx.job.count({ where: { orgId: org.orgId } })).toBe(before[0]! + 3); // visible inside
        throw rollback;
      })
      .catch((e: unknown) => e);
    expect(outcome).toBe(rollback);
    expect([await countRows(), await countBossJobs()]).toEqual(before);
  });
});
