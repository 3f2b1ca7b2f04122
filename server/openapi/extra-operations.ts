import { ZLogStreamInput } from "@/server/evaluation/logs/log-stream-schema";
import { ZHealthCheckOutput } from "@/server/health/health-schema";
import { objectProperties, toJsonSchema } from "./json-schema";

// Operations served by plain route handlers rather than the REST shim's table, documented from the same schemas.

const queryParameters = objectProperties(ZLogStreamInput.omit({ taskId: true }), "input").map(({ name, schema, required }) => ({ name, in: "query", required, schema }));

export const EXTRA_PATHS: Record<string, Record<string, unknown>> = {
  "/api/v1/logs/{taskId}/stream": {
    get: {
      operationId: "streamTaskLogs",
      tags: ["Tasks"],
      summary: "The task's log as Server-Sent Events: history, then live lines, then `event: end`",
      description:
        "Event ids are log sequence numbers: reconnect with `Last-Event-ID` (or `?after=`) to resume. A comment line is sent every 15 s as a heartbeat.",
      parameters: [
        { name: "taskId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ...queryParameters,
        { name: "Last-Event-ID", in: "header", required: false, schema: { type: "string", pattern: "^\\d{1,18}$" } },
      ],
      responses: {
        "200": { description: "The event stream", headers: { "X-Request-ID": { $ref: "#/components/headers/RequestId" } }, content: { "text/event-stream": { schema: { type: "string" } } } },
        "400": { $ref: "#/components/responses/BadRequest" },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "404": { $ref: "#/components/responses/NotFound" },
        "500": { $ref: "#/components/responses/InternalError" },
      },
    },
  },
  "/api/health": {
    get: {
      operationId: "getHealth",
      tags: ["Operations"],
      summary: "Database, queue and workers; public for probes",
      security: [],
      responses: {
        "200": { description: "Up (status ok or degraded)", content: { "application/json": { schema: toJsonSchema(ZHealthCheckOutput, "output") } } },
        "503": { description: "The database is down", content: { "application/json": { schema: toJsonSchema(ZHealthCheckOutput, "output") } } },
      },
    },
  },
  "/api/metrics": {
    get: {
      operationId: "getMetrics",
      tags: ["Operations"],
      summary: "Prometheus metrics: jobs by queue and state, job durations, workers alive, HTTP requests",
      description: "Open unless METRICS_TOKEN is set; then send `Authorization: Bearer <METRICS_TOKEN>`.",
      security: [],
      responses: {
        "200": { description: "Prometheus text format 0.0.4", content: { "text/plain": { schema: { type: "string" } } } },
        "401": { $ref: "#/components/responses/Unauthorized" },
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Operations"],
      summary: "This document",
      security: [],
      responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
};
