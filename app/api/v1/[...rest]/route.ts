import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/route-handler";
import { REQUEST_ID_HEADER } from "@/server/trpc/request-id";

export const dynamic = "force-dynamic";

// Unknown /api/v1 paths answer JSON like the rest of the API, not the dashboard's HTML 404 page.
function notFound(req: Request): Response {
  const path = new URL(req.url).pathname;
  return errorResponse(new AppError("NOT_FOUND", `no such endpoint: ${req.method} ${path} (see /api/v1/openapi.json)`), req.headers.get(REQUEST_ID_HEADER) ?? undefined);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
