import { secretMatches } from "@/server/auth/constant-time";
import { env } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/route-handler";
import { collectMetrics } from "@/server/metrics/collect-metrics";
import { observeResponse } from "@/server/metrics/http-metrics";

export const dynamic = "force-dynamic";

/** GET /api/metrics: Prometheus text. Open, or `Authorization: Bearer $METRICS_TOKEN` when that is set. */
export async function GET(req: Request): Promise<Response> {
  const started = performance.now();
  const token = env().METRICS_TOKEN;
  let response: Response;
  if (token && !secretMatches(req.headers.get("authorization"), `Bearer ${token}`)) {
    response = errorResponse(new AppError("UNAUTHORIZED", "metrics need Authorization: Bearer <METRICS_TOKEN>"), req.headers.get("x-request-id") ?? undefined);
  } else {
    response = new Response(await collectMetrics(env().WORKER_DEAD_AFTER_SECONDS), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  }
  observeResponse("GET /api/metrics", req.method, response.status, (performance.now() - started) / 1000);
  return response;
}

