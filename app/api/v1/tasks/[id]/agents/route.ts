import { restHandler } from "@/server/rest/rest-handler";

// GET /api/v1/tasks/{id}/agents: defined in server/rest/routes/ (schemas, docs, procedures called).
export const dynamic = "force-dynamic";

export const GET = restHandler("GET", "/api/v1/tasks/{id}/agents");
