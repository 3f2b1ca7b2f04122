import { openApiDocument } from "@/server/openapi/openapi-document";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: OpenAPI 3.1, generated from the REST shim's zod schemas. Public. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
