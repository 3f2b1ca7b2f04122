import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { isDatabaseBusy } from "@/server/db/database-busy";
import { AppError } from "@/server/errors";
import type { TTRPCContext } from "./context";
import { describeClientError, toTRPCError } from "./to-trpc-error";

const t = initTRPC.context<TTRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const requestId = ctx?.requestId ?? null;
    // Stacks stay in the server's logs (route handler onError), even in development.
    const { stack: _stack, ...data } = shape.data;
    // 5xx: the message may hold SQL or internals; the request id joins the user's report to our logs. A domain
    // error's message (503 "busy") was written for the user.
    if (data.httpStatus >= 500 && !(error.cause instanceof AppError)) {
      return { ...shape, message: `Internal error (request id ${requestId ?? "unknown"})`, data: { ...data, requestId, field: null, zodError: null } };
    }
    const { message, ...details } = describeClientError(error);
    return { ...shape, message: message ?? shape.message, data: { ...data, requestId, ...details } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Domain errors keep their meaning (NOT_FOUND stays 404) for HTTP clients and for createCaller alike; a request that
 * found no database connection in time is a 503 to retry, not a 500.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  if (!result.ok && isDatabaseBusy(result.error.cause)) throw toTRPCError(new AppError("UNAVAILABLE", "the database is busy: retry in a moment"));
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.caller) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { caller: ctx.caller } });
});

/** Guarantees ctx.orgId: every read below is scoped by it. Viewers stop here (read-only). */
export const orgProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.caller.orgId) throw new TRPCError({ code: "FORBIDDEN", message: "no organisation selected" });
  return next({ ctx: { orgId: ctx.caller.orgId } });
});

// Each rung narrows the role, so a resolver below cannot be reached by a weaker one.
export const memberProcedure = orgProcedure.use(({ ctx, next }) => {
  const { role } = ctx.caller;
  if (role !== "member" && role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "requires role member or admin" });
  return next({ ctx: { caller: { ...ctx.caller, role } } });
});

export const adminProcedure = orgProcedure.use(({ ctx, next }) => {
  const { role } = ctx.caller;
  if (role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "requires role admin" });
  return next({ ctx: { caller: { ...ctx.caller, role } } });
});
