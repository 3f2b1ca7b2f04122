import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/server/db/client";
import { getProducer, stopProducer } from "@/server/jobs/producer";
import { submitJob } from "@/server/jobs/submit-job";
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
});
