import "server-only";
import { env } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/route-handler";
import { readJsonBody } from "@/server/http/read-json-body";
import { observeResponse } from "@/server/metrics/http-metrics";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import type { TRestMethod, TRestRoute } from "./define-route";
import { queryInput } from "./query-input";
import { REST_ROUTES } from "./rest-routes";

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The Route Handler for one /api/v1 operation: caller (401) → path, query and body parsed with the route's zod
 * schemas (400 naming the field, 413 for oversized bodies) → the same tRPC procedures the dashboard calls
 * (createCaller, so the whole ladder and every permission check runs) → JSON. Errors: server/http/route-handler.ts.
 */
export function restHandler(method: TRestMethod, path: string) {
  const route = REST_ROUTES.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no REST route ${method} ${path} in server/rest/routes.ts`);
  const metricName = `${method} ${path}`;

  return async (req: Request, ctx: TRouteContext): Promise<Response> => {
    const started = performance.now();
    const context = createContext({ headers: req.headers });
    let response: Response;
    try {
      if (!context.caller) throw new AppError("UNAUTHORIZED", "sign in first");
      const input = await parseRequest(route, req, await ctx.params);
      const result = await route.handle(input, { api: createCaller(context), caller: context.caller, requestId: context.requestId, req });
      response = result instanceof Response ? result : jsonResponse(route, req, result);
    } catch (error) {
      response = errorResponse(error, context.requestId);
    }
    response.headers.set("x-request-id", context.requestId);
    observeResponse(metricName, method, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

async function parseRequest(route: TRestRoute, req: Request, rawParams: Record<string, string | string[]>) {
  const params = route.params ? route.params.parse(rawParams) : {};
  const search = new URL(req.url).searchParams;
  let query: Record<string, unknown> = {};
  if (route.query) query = route.query.parse(queryInput(search, route.query));
  else {
    const unknown = [...search.keys()][0];
    if (unknown !== undefined) throw new AppError("INVALID_INPUT", `${unknown}: unknown query parameter`, unknown);
  }

  const raw = req.method === "GET" ? undefined : await readJsonBody(req, env().API_MAX_BODY_BYTES);
  let body: unknown = undefined;
  if (route.body) {
    if (raw === undefined && route.bodyRequired) throw new AppError("INVALID_INPUT", "body: a JSON body is required", "body");
    body = route.body.parse(raw === undefined ? {} : raw);
  } else if (raw !== undefined && !isEmptyObject(raw)) {
    throw new AppError("INVALID_INPUT", "body: this operation takes no body", "body");
  }
  const nul = findNul(query) ?? findNul(body);
  if (nul !== undefined) throw new AppError("INVALID_INPUT", `${nul || "body"}: must not contain NUL characters`, nul || "body");
  return { params, query, body };
}

/** PostgreSQL text cannot hold U+0000: refuse it up front (a 400 naming the field) rather than fail in SQL (a 500). */
function findNul(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (!value || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findNul(child, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

const isEmptyObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

function jsonResponse(route: TRestRoute, req: Request, result: unknown): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  if (route.location && result && typeof result === "object" && "id" in result) headers.set("location", route.location(result as { id: string }));
  const next = route.paginated ? (result as { nextCursor?: string | null }).nextCursor : null;
  if (next) {
    const url = new URL(req.url);
    url.searchParams.set("cursor", next);
    headers.set("link", `<${url.pathname}${url.search}>; rel="next"`);
  }
  return Response.json(result, { status: route.response.status, headers });
}
