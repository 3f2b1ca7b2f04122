import type { z } from "zod";
import type { TCaller } from "@/server/auth/caller";
import type { createCaller } from "@/server/trpc/root";

// One entry per /api/v1 operation: what it accepts (zod), what it answers, and which tRPC procedures it calls.
// The route handlers (server/rest/rest-handler.ts) and the OpenAPI document (server/openapi/) both read these
// entries, so the documentation cannot drift from what the code parses.

export type TRestMethod = "GET" | "POST" | "DELETE";
export type TApi = ReturnType<typeof createCaller>;
export type TRestCall = { api: TApi; caller: TCaller; requestId: string; req: Request };

export type TRestResponse = {
  status: 200 | 201;
  description: string;
  /** JSON schema of the body (io "output"); omit for a non-JSON body such as a ZIP. */
  schema?: z.ZodType;
  /** Default application/json; several when a parameter chooses (the first is the default). */
  contentType?: string | string[];
};

export type TShape = z.ZodType<Record<string, unknown>>;

export type TRestRouteDef<P extends TShape, Q extends TShape, B extends z.ZodType> = {
  method: TRestMethod;
  /** Full path template, e.g. /api/v1/tasks/{id}. Must match the folder of the route.ts that serves it. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Path parameters. */
  params?: P;
  /** Query parameters: an object schema whose fields are read from the query string (arrays comma-separated). */
  query?: Q;
  /** JSON request body; optional when every field is. */
  body?: B;
  bodyRequired?: boolean;
  /** Example path parameters for the document (and the contract tests), where an id will not do. */
  paramsExample?: Record<string, string>;
  bodyExample?: z.input<B>;
  response: TRestResponse;
  /** Error statuses this operation may answer (400, 401 and 500 are added for every one, 413 for POST and DELETE). */
  errors: number[];
  /** Lists: { items, nextCursor } with `cursor` and `limit` in the query, plus a Link: rel="next" header. */
  paginated?: boolean;
  /** 201: where the created resource lives (Location header). */
  location?: (result: { id: string }) => string;
  handle(input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }, call: TRestCall): Promise<unknown>;
};

export type TRestRoute = TRestRouteDef<TShape, TShape, z.ZodType>;

export function defineRoute<P extends TShape, Q extends TShape, B extends z.ZodType>(route: TRestRouteDef<P, Q, B>): TRestRoute {
  return route as unknown as TRestRoute;
}
