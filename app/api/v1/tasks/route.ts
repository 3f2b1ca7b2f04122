import { restHandler } from "@/server/rest/rest-handler";

// GET, POST /api/v1/tasks: defined in server/rest/routes/ (schemas, docs, procedures called).
export const dynamic = "force-dynamic";

export const GET = restHandler("GET", "/api/v1/tasks");
export const POST = restHandler("POST", "/api/v1/tasks");
