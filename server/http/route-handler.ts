import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError, type z } from "zod";
import { APP_ERROR_CODES, AppError, type TAppErrorCode } from "../errors";
import { logger } from "../logger";
import { observeResponse } from "../metrics/http-metrics";
import { createContext } from "../trpc/context";
import { issuePath } from "../trpc/to-trpc-error";
import type { TCaller } from "../auth/caller";

type TRouteContext = { caller: TCaller; requestId: string };
type TErrorBody = { code: TAppErrorCode; message: string; field?: string };

/**
 * Wraps a plain Route Handler (downloads, streams) with what tRPC procedures get from the ladder: the caller
 * from the request (server/auth/resolve-caller.ts via createContext), 401 without one, and errors as
 * `{error:{code,message,field?,requestId}}` with the status of server/errors.ts. 5xx messages never reach the client.
 * `name` labels the route in /api/metrics (e.g. "GET /api/v1/logs/{taskId}/stream"); omit it to skip metrics.
 */
export function withCaller<TParams>(handler: (req: Request, ctx: TRouteContext, params: TParams) => Promise<Response>, name?: string) {
  return async (req: Request, route: { params: Promise<TParams> }): Promise<Response> => {
    const started = performance.now();
    const { caller, requestId } = createContext({ headers: req.headers });
    let response: Response;
    try {
      if (!caller) throw new AppError("UNAUTHORIZED", "sign in first");
      response = await handler(req, { caller, requestId }, await route.params);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    if (name) observeResponse(name, req.method, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

/** Any error as the API's error body: domain errors keep their status, zod names the field, the rest is a 500. */
export function errorResponse(error: unknown, requestId: string = randomUUID()): Response {
  const { status, body } = describeError(error, requestId);
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
  if (status === 503) headers["retry-after"] = "1";
  return Response.json({ error: { ...body, requestId } }, { status, headers });
}

/** The first issue as `field: message`; an unknown key is named itself ("debug: unknown field"). */
function describeZodIssue(issue: z.core.$ZodIssue | undefined): TErrorBody {
  if (issue?.code === "unrecognized_keys" && issue.keys[0] !== undefined) {
    const field = [...issue.path.map(String), issue.keys[0]].join(".");
    return { code: "INVALID_INPUT", message: `${field}: unknown field (this operation does not take it)`, field };
  }
  const field = issuePath(issue) ?? "input";
  return { code: "INVALID_INPUT", message: `${field}: ${issue?.message ?? "invalid"}`, field };
}

function describeError(error: unknown, requestId: string): { status: number; body: TErrorBody } {
  // Errors from tRPC procedures (the REST shim calls them): the domain error or zod error is the cause.
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof AppError) {
    return { status: APP_ERROR_CODES[cause.code].http, body: { code: cause.code, message: cause.message, ...(cause.field ? { field: cause.field } : {}) } };
  }
  if (cause instanceof ZodError) return { status: 400, body: describeZodIssue(cause.issues[0]) };
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    const code = (Object.keys(APP_ERROR_CODES) as TAppErrorCode[]).find((c) => APP_ERROR_CODES[c].http === status);
    if (status < 500 && code) return { status, body: { code, message: error.message } };
  }
  logger.error({ err: cause, requestId }, "route handler internal error");
  return { status: 500, body: { code: "INTERNAL", message: `Internal error (request id ${requestId})` } };
}
