import { PrismaPg } from "@prisma/adapter-pg";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError, type AnyTRPCRouter } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/server/db/client";
import { PrismaClient } from "@/server/db/generated/client.ts";
import { errorResponse } from "@/server/http/route-handler";
import { stopProducer } from "@/server/jobs/producer";
import { createContext, createInnerTRPCContext } from "@/server/trpc/context";
import { publicProcedure, router } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// The error shape HTTP clients (the dashboard's forms) rely on, through the same fetch adapter as the route handler.
type TErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number; requestId: string | null; field: string | null; zodError: { fieldErrors: Record<string, string[]> } | null } } } };

async function call(path: string, input: unknown, opts: { router?: AnyTRPCRouter; requestId?: string; anonymous?: boolean } = {}) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(opts.requestId ? { "x-request-id": opts.requestId } : {}) },
    body: JSON.stringify({ json: input }),
  });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: opts.router ?? appRouter,
    createContext: () => (opts.anonymous ? createInnerTRPCContext({ caller: null, requestId: "anon-request-1" }) : createContext({ headers: req.headers })),
  });
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as TErrorBody };
}

afterAll(async () => {
  await stopProducer();
  await disconnectDb();
});

describe("tRPC error shape over HTTP", () => {
  it("400 with the offending params field for a job type's schema (AppError.field)", async () => {
    const { status, body } = await call("jobs.submit", { type: "system.sleep", params: { seconds: -5 } }, { requestId: "req-abc-12345" });
    expect(status).toBe(400);
    expect(body.error.json.message).toMatch(/^params\.seconds: Too small/);
    expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", field: "params.seconds", requestId: "req-abc-12345", zodError: null });
  });

  it("400 with zod's flattened error when the input schema rejects the request", async () => {
    const { status, body } = await call("jobs.submit", { type: "nope", params: {} });
    expect(status).toBe(400);
    expect(body.error.json.message).toMatch(/^type: must be one of/);
    expect(body.error.json.data.field).toBe("type");
    expect(body.error.json.data.zodError?.fieldErrors.type?.[0]).toMatch(/must be one of/);
  });

  it("maps AppError codes through the table (NOT_FOUND → 404) and passes the message through", async () => {
    const { status, body } = await call("jobs.cancel", { id: "00000000-0000-4000-8000-000000000000" });
    expect(status).toBe(404);
    expect(body.error.json.message).toBe("job not found");
  });

  it("401 without an identity", async () => {
    const { status, body } = await call("jobs.submit", { type: "system.noop", params: {} }, { anonymous: true });
    expect(status).toBe(401);
    expect(body.error.json.data.requestId).toBe("anon-request-1");
  });

  it("replaces 5xx messages with the request id and leaks nothing", async () => {
    const boom = router({ boom: publicProcedure.mutation(() => { throw new Error("password=hunter2 at db.internal:5432"); }) });
    const { status, body, text } = await call("boom", null, { router: boom, requestId: "req-500-abcdef" });
    expect(status).toBe(500);
    expect(body.error.json.message).toBe("Internal error (request id req-500-abcdef)");
    expect(text).not.toMatch(/hunter2|db\.internal|stack/);
  });

  it("503 with Retry-After when no database connection frees up in time (not a 500)", async () => {
    // A real pool of one connection, held by an open transaction: the second transaction cannot start within maxWait.
    const small = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 1 }), transactionOptions: { maxWait: 200 } });
    let release!: () => void;
    const holding = small.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await new Promise<void>((resolve) => (release = resolve));
    }, { timeout: 10_000 });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const busy = router({ busy: publicProcedure.mutation(() => small.$transaction(async (tx) => tx.$queryRaw`SELECT 2`)) });
      const { status, body } = await call("busy", null, { router: busy, requestId: "req-503-abcdef" });
      expect(status).toBe(503);
      expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(body.error.json.message).toBe("the database is busy: retry in a moment");

      // The REST shim answers the same error with 503 and Retry-After.
      const caller = busy.createCaller(createInnerTRPCContext({ caller: null }));
      const error = await caller.busy().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      const rest = errorResponse(error, "req-503-rest");
      expect(rest.status).toBe(503);
      expect(rest.headers.get("retry-after")).toBe("1");
      expect(await rest.json()).toMatchObject({ error: { code: "UNAVAILABLE", requestId: "req-503-rest" } });
    } finally {
      release();
      await holding;
      await small.$disconnect();
    }
  });
});
