import { restHandler } from "@/server/rest/rest-handler";

// POST /api/v1/jobs/{id}/retry: defined in server/rest/routes/ (schemas, docs, procedures called).
export const dynamic = "force-dynamic";

export const POST = restHandler("POST", "/api/v1/jobs/{id}/retry");
