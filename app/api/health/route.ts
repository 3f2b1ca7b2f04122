import { env } from "@/server/config/env";
import { checkHealth } from "@/server/health/check-health";
import { observeResponse } from "@/server/metrics/http-metrics";

export const dynamic = "force-dynamic";

/** GET /api/health: database, queue, workers. Public (probes); 503 only when the database is down. */
export async function GET(req: Request): Promise<Response> {
  const started = performance.now();
  const health = await checkHealth(env().WORKER_DEAD_AFTER_SECONDS);
  const response = Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
  observeResponse("GET /api/health", req.method, response.status, (performance.now() - started) / 1000);
  return response;
}
