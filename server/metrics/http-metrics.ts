// In-process HTTP counters for /api/metrics. Kept on globalThis: proxy.ts and each route handler are bundled
// separately by Next, but they run in one process and must count into the same place. Isomorphic (no imports).

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export type THistogram = { buckets: number[]; sum: number; count: number };
export type THttpMetrics = {
  /** Every request proxy.ts saw, by area (api_v1, trpc, page, ...) and method. */
  seen: Map<string, number>;
  /** Answered by an instrumented handler: by handler, method and status. */
  responses: Map<string, number>;
  durations: Map<string, THistogram>;
};

const holder = globalThis as unknown as { __mbHttpMetrics?: THttpMetrics };

export function httpMetrics(): THttpMetrics {
  holder.__mbHttpMetrics ??= { seen: new Map(), responses: new Map(), durations: new Map() };
  return holder.__mbHttpMetrics;
}

const key = (...parts: string[]) => parts.join("\u0000");
export const splitKey = (value: string) => value.split("\u0000");
export const HTTP_BUCKETS = BUCKETS;

/** Which part of the app a path belongs to; a small fixed set, so labels stay bounded. */
export function areaOf(pathname: string): string {
  if (pathname.startsWith("/api/v1/")) return "api_v1";
  if (pathname.startsWith("/api/trpc/")) return "trpc";
  if (pathname.startsWith("/api/auth/")) return "auth";
  if (pathname === "/api/health" || pathname === "/api/metrics") return "ops";
  if (pathname.startsWith("/api/")) return "api_other";
  if (pathname.startsWith("/_next/")) return "next";
  return "page";
}

export function countRequest(area: string, method: string): void {
  const seen = httpMetrics().seen;
  const k = key(area, method);
  seen.set(k, (seen.get(k) ?? 0) + 1);
}

/** `handler` is the route's template (e.g. "GET /api/v1/tasks/{id}"), never the raw path: bounded labels. */
export function observeResponse(handler: string, method: string, status: number, seconds: number): void {
  const metrics = httpMetrics();
  const k = key(handler, method, String(status));
  metrics.responses.set(k, (metrics.responses.get(k) ?? 0) + 1);
  const hk = key(handler, method);
  let histogram = metrics.durations.get(hk);
  if (!histogram) metrics.durations.set(hk, (histogram = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) histogram.buckets[i]! += 1;
  });
  histogram.sum += seconds;
  histogram.count += 1;
}
