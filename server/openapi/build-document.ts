import type { TRestRoute } from "@/server/rest/define-route";
import { EXTRA_PATHS } from "./extra-operations";
import { objectProperties, toJsonSchema, type TJsonSchema } from "./json-schema";

// The OpenAPI 3.1 document of /api/v1, generated from the REST shim's route table (server/rest/rest-routes.ts)
// and the zod schemas it parses with. Pure: the route passes the routes and how this deployment authenticates.

export type TDocumentOptions = { authMode: "none" | "sso" | "nextauth"; gatewaySecretHeader: string };

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Invalid input: `field` names the offending parameter or body path" },
  401: { name: "Unauthorized", description: "No identity: not through the gateway, or not signed in" },
  403: { name: "Forbidden", description: "The caller's role does not allow this (viewers read only; members act on their own)" },
  404: { name: "NotFound", description: "No such resource in the caller's org (other orgs' resources are never revealed)" },
  409: { name: "Conflict", description: "The resource's state forbids it (e.g. cancelling a finished task)" },
  413: { name: "PayloadTooLarge", description: "The body is larger than API_MAX_BODY_BYTES" },
  500: { name: "InternalError", description: "A fault on our side; quote the request id" },
  503: { name: "Unavailable", description: "Overloaded: no database connection within the wait; retry after `Retry-After` seconds" },
};

const ERROR_SCHEMA: TJsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "requestId"],
      properties: {
        code: { type: "string", enum: ["INVALID_INPUT", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "INTERNAL", "UNAVAILABLE"] },
        message: { type: "string" },
        field: { type: "string", description: "The offending input: a query parameter, a path parameter or a body path such as source.repository" },
        requestId: { type: "string" },
      },
    },
  },
};

function operation(route: TRestRoute): Record<string, unknown> {
  const parameters = [
    ...(route.params ? objectProperties(route.params, "input") : []).map(({ name, schema }) => ({
      name,
      in: "path",
      required: true,
      schema,
      ...(route.paramsExample?.[name] ? { example: route.paramsExample[name] } : {}),
    })),
    ...(route.query ? objectProperties(route.query, "input") : []).map(({ name, schema, required }) => ({
      name,
      in: "query",
      required,
      schema,
      ...(schema.type === "array" ? { style: "form", explode: false } : {}),
    })),
  ];
  const success = {
    description: route.response.description,
    headers: {
      "X-Request-ID": { $ref: "#/components/headers/RequestId" },
      ...(route.location ? { Location: { description: "URL of the created resource", schema: { type: "string" } } } : {}),
      ...(route.paginated ? { Link: { description: 'The next page, as <url>; rel="next" (absent on the last page)', schema: { type: "string" } } } : {}),
    },
    content: Object.fromEntries(
      [route.response.contentType ?? "application/json"].flat().map((type) => [
        type,
        { schema: type === "application/json" && route.response.schema ? toJsonSchema(route.response.schema, "output") : { type: "string", format: "binary" } },
      ]),
    ),
  };
  // Every operation refuses unknown query parameters (400) and may be overloaded (503); every body-taking method reads
  // at most API_MAX_BODY_BYTES (413).
  const errors = [...new Set([...route.errors, 400, 401, 500, 503, ...(route.method === "GET" ? [] : [413])])].sort((a, b) => a - b);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.bodyRequired ?? false,
            content: { "application/json": { schema: toJsonSchema(route.body, "input"), ...(route.bodyExample ? { example: route.bodyExample } : {}) } },
          },
        }
      : {}),
    responses: {
      [String(route.response.status)]: success,
      ...Object.fromEntries(errors.map((status) => [String(status), { $ref: `#/components/responses/${ERROR_RESPONSES[status]!.name}` }])),
    },
  };
}

function security(options: TDocumentOptions) {
  const schemes = {
    gateway: {
      type: "apiKey",
      in: "header",
      name: options.gatewaySecretHeader,
      description:
        "AUTH_MODE=sso: requests come through the SSO gateway, which adds this shared secret and X-User-ID, X-User-Email, X-Org-ID, X-Team-ID, X-User-Role. Identity headers without the secret are rejected (401).",
    },
    session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "AUTH_MODE=nextauth: the browser session after signing in at /signin." },
    sessionBearer: { type: "http", scheme: "bearer", description: "AUTH_MODE=nextauth: the same session token as a bearer token, for scripts." },
  };
  const requirement = options.authMode === "sso" ? [{ gateway: [] }] : options.authMode === "nextauth" ? [{ session: [] }, { sessionBearer: [] }] : [{}];
  return { schemes, requirement };
}

export function buildOpenApiDocument(routes: readonly TRestRoute[], options: TDocumentOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  for (const [path, item] of Object.entries(EXTRA_PATHS)) paths[path] = { ...paths[path], ...item };
  const auth = security(options);
  return {
    openapi: "3.1.0",
    info: {
      title: "Memory-Break API",
      version: "1",
      description:
        "The REST shim over the dashboard's own procedures: same validation, same permissions, same org scoping. JSON in and out; " +
        "every response carries X-Request-ID; errors are `{error:{code,message,field?,requestId}}`. Lists are cursor-paginated.",
    },
    servers: [{ url: "/" }],
    tags: ["Identity", "Tasks", "Leaderboard", "Jobs", "Queues", "Agents", "Operations"].map((name) => ({ name })),
    security: auth.requirement,
    paths,
    components: {
      securitySchemes: auth.schemes,
      schemas: { Error: ERROR_SCHEMA },
      headers: { RequestId: { description: "This request's id (also in error bodies and the server's logs)", schema: { type: "string" } } },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(({ name, description }) => [
          name,
          { description, headers: { "X-Request-ID": { $ref: "#/components/headers/RequestId" } }, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}
