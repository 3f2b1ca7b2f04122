import { restHandler } from "@/server/rest/rest-handler";

// GET, POST, DELETE /api/v1/jobs/{id}: defined in server/rest/routes/ (schemas, docs, procedures called).
export const dynamic = "force-dynamic";

export const GET = restHandler("GET", "/api/v1/jobs/{id}");
export const POST = restHandler("POST", "/api/v1/jobs/{id}");
export const DELETE = restHandler("DELETE", "/api/v1/jobs/{id}");
