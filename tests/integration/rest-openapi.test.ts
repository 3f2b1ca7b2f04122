import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/openapi/build-document";
import { REST_ROUTES } from "@/server/rest/rest-routes";
import { queryInput } from "@/server/rest/query-input";
import { ZListTasksInput } from "@/server/evaluation/tasks/task-schema";

// In-process checks of the REST shim's table (the HTTP contract is tests/e2e/api/openapi-contract.spec.ts).

describe("the /api/v1 route table", () => {
  it("has one route file per path, and unique operation ids", async () => {
    const ids = REST_ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const { existsSync } = await import("node:fs");
    for (const route of REST_ROUTES) {
      const folder = route.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");
      expect(existsSync(`app/${folder}/route.ts`), `app/${folder}/route.ts for ${route.method} ${route.path}`).toBe(true);
    }
  });

  it("generates a valid OpenAPI 3.1 document in every auth mode", async () => {
    for (const authMode of ["none", "sso", "nextauth"] as const) {
      const doc = buildOpenApiDocument(REST_ROUTES, { authMode, gatewaySecretHeader: "x-gateway-secret" });
      const result = await new Validator().validate(doc as never);
      expect(result.errors ?? [], authMode).toEqual([]);
    }
  });
});

describe("query strings", () => {
  it("become the types the schema expects; what does not convert stays text for zod to name", () => {
    const search = new URLSearchParams("status=failed,queued&status=running&limit=20&text=42&agent=sim-strong");
    expect(queryInput(search, ZListTasksInput)).toEqual({ status: ["failed", "queued", "running"], limit: 20, text: "42", agent: "sim-strong" });
    const parsed = ZListTasksInput.safeParse(queryInput(new URLSearchParams("limit=ten"), ZListTasksInput));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["limit"]);
  });
});
