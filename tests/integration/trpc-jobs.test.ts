import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { TCaller } from "@/server/auth/caller";
import { db, disconnectDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { stopProducer } from "@/server/jobs/producer";
import { createInnerTRPCContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { makeOrg } from "../helpers/test-callers";
import { QUEUE_NAMES } from "@/server/jobs/queues";

// The real router against real Postgres, no HTTP. Jobs stay queued (no worker here): nothing below needs them to run.
const orgA = makeOrg();
const orgB = makeOrg();
const api = (caller: TCaller | null) => createCaller(createInnerTRPCContext({ caller }));
const sleep60 = { type: "system.sleep" as const, params: { seconds: 60 } };
const countJobs = (orgId: string) => db().job.count({ where: { orgId } });

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

afterAll(async () => {
  // Scoped cleanup: cancel what is still queued (so no later worker runs it), then drop this file's rows.
  for (const org of [orgA, orgB]) {
    const ids = (await db().job.findMany({ where: { orgId: org.orgId }, select: { id: true } })).map((j) => j.id);
    if (ids.length > 0) await api(org.admin).jobs.bulkCancel({ ids });
    await db().job.deleteMany({ where: { orgId: org.orgId } });
  }
  await stopProducer();
  await disconnectDb();
});

describe("jobs router", () => {
  it("submits, gets and lists a job in the caller's org", async () => {
    const { id } = await api(orgA.member).jobs.submit(sleep60);
    const job = await api(orgA.member).jobs.get({ id });
    expect(job).toMatchObject({ id, type: "system.sleep", queue: "default", status: "queued", userId: orgA.member.userId, canCancel: true, canRetry: false });
    expect(job.params).toEqual({ seconds: 60, steps: 10, failAttempts: 0, ignoreAbort: false }); // defaults applied once, on submit
    expect(job).not.toHaveProperty("errorStack");

    const page = await api(orgA.member).jobs.list({ limit: 10 });
    expect(page.items.map((j) => j.id)).toContain(id);
    expect(page.items[0]!.createdAt).toBeInstanceOf(Date);
    const asViewer = await api(orgA.viewer).jobs.list({ text: id });
    expect(asViewer.items).toHaveLength(1);
    expect(asViewer.items[0]).toMatchObject({ id, canCancel: false, canRetry: false });
  });

  it("rejects bad params as BAD_REQUEST naming the field, and creates nothing", async () => {
    const before = await countJobs(orgA.orgId);
    const error = await rejection(api(orgA.member).jobs.submit({ type: "system.sleep", params: { seconds: -5 } }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(AppError);
    expect((error.cause as AppError).field).toBe("params.seconds");

    const envelope = await rejection(api(orgA.member).jobs.submit({ type: "no.such.type" as never, params: {} }));
    expect(envelope.code).toBe("BAD_REQUEST");
    expect(envelope.cause).toBeInstanceOf(z.ZodError);
    expect((envelope.cause as z.ZodError).issues[0]!.path).toEqual(["type"]);
    expect(await countJobs(orgA.orgId)).toBe(before);
  });

  it("hides org A's job from org B: NOT_FOUND for get, cancel and retry", async () => {
    const { id } = await api(orgA.member).jobs.submit(sleep60);
    const asOrgB = api(orgB.admin).jobs;
    for (const call of [() => asOrgB.get({ id }), () => asOrgB.cancel({ id }), () => asOrgB.retry({ id })]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
    expect(await api(orgB.admin).jobs.bulkCancel({ ids: [id] })).toEqual({ cancelled: [] });
    expect((await api(orgB.admin).jobs.list({ text: id })).items).toEqual([]);
    expect((await api(orgA.member).jobs.get({ id })).status).toBe("queued");
  });

  it("lets viewers read but not submit or cancel", async () => {
    const before = await countJobs(orgA.orgId);
    expect((await rejection(api(orgA.viewer).jobs.submit(sleep60))).code).toBe("FORBIDDEN");
    expect(await countJobs(orgA.orgId)).toBe(before);
    const { id } = await api(orgA.member).jobs.submit(sleep60);
    expect((await rejection(api(orgA.viewer).jobs.cancel({ id }))).code).toBe("FORBIDDEN");
    expect((await api(orgA.viewer).jobs.get({ id })).id).toBe(id);
  });

  it("lets a member cancel only their own jobs; an admin any in the org", async () => {
    const { id } = await api(orgA.member).jobs.submit(sleep60);
    expect((await rejection(api(orgA.otherMember).jobs.cancel({ id }))).code).toBe("FORBIDDEN");
    expect((await rejection(api(orgA.otherMember).jobs.retry({ id }))).code).toBe("FORBIDDEN");
    expect(await api(orgA.otherMember).jobs.bulkCancel({ ids: [id] })).toEqual({ cancelled: [] });
    expect((await api(orgA.member).jobs.get({ id })).status).toBe("queued");

    expect(await api(orgA.admin).jobs.cancel({ id })).toEqual({ id, status: "cancelled" });
    expect((await rejection(api(orgA.admin).jobs.cancel({ id }))).code).toBe("CONFLICT");
    const cancelled = await api(orgA.member).jobs.get({ id });
    expect(cancelled).toMatchObject({ status: "cancelled", canCancel: false, canRetry: true });
  });

  it("describes job types with JSON Schema params; scheduled maintenance types are admin-only", async () => {
    const types = await api(orgA.member).jobs.listTypes();
    const sleep = types.find((t) => t.name === "system.sleep")!;
    expect(sleep).toMatchObject({ queue: "default", canSubmit: true, scheduled: false });
    expect(sleep.paramsSchema).toMatchObject({ type: "object", required: ["seconds"], properties: { seconds: { type: "number", minimum: 0, maximum: 3600 } } });
    expect(types.find((t) => t.name === "maintenance.retention")).toMatchObject({ scheduled: true, canSubmit: false });
    const error = await rejection(api(orgA.member).jobs.submit({ type: "maintenance.retention", params: { days: 1 } }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("procedure ladder", () => {
  it("refuses anonymous callers except for health", async () => {
    expect((await rejection(api(null).jobs.list({}))).code).toBe("UNAUTHORIZED");
    const health = await api(null).health.check();
    expect(health.database.ok).toBe(true);
    expect(health.queues.map((q) => q.name)).toEqual(QUEUE_NAMES);
  });

  it("reserves queue pause/resume for admins", async () => {
    expect((await rejection(api(orgA.member).queues.pause({ name: "maintenance" }))).code).toBe("FORBIDDEN");
    expect(await api(orgA.admin).queues.pause({ name: "maintenance" })).toEqual({ name: "maintenance", paused: true });
    const { queues, canControl } = await api(orgA.admin).queues.list();
    expect(canControl).toBe(true);
    expect(queues.find((q) => q.name === "maintenance")?.paused).toBe(true);
    expect(await api(orgA.admin).queues.resume({ name: "maintenance" })).toEqual({ name: "maintenance", paused: false });
    expect((await api(orgA.viewer).queues.list()).canControl).toBe(false);
  });
});
