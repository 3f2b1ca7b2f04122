import { HTTP_BUCKETS, splitKey, type THttpMetrics } from "./http-metrics";
import type { TFamily } from "./prometheus-text";

/** The web server's HTTP counters (each replica reports its own; Prometheus sums them). */
export function httpFamilies({ seen, responses, durations }: THttpMetrics): TFamily[] {
  const histogramSamples = [...durations].flatMap(([key, h]) => {
    const [handler, method] = splitKey(key) as [string, string];
    return [
      ...HTTP_BUCKETS.map((le, i) => ({ suffix: "_bucket", labels: { handler, method, le: String(le) }, value: h.buckets[i]! })),
      { suffix: "_bucket", labels: { handler, method, le: "+Inf" }, value: h.count },
      { suffix: "_sum", labels: { handler, method }, value: h.sum },
      { suffix: "_count", labels: { handler, method }, value: h.count },
    ];
  });
  return [
    {
      name: "mb_http_requests_total",
      help: "Requests that reached the app (proxy.ts), by area (page, api_v1, trpc, auth, ops, ...) and method.",
      type: "counter",
      samples: [...seen].map(([key, value]) => {
        const [area, method] = splitKey(key) as [string, string];
        return { labels: { area, method }, value };
      }),
    },
    {
      name: "mb_http_responses_total",
      help: "Responses of the REST shim, health, metrics, downloads and streams, by route template, method and status.",
      type: "counter",
      samples: [...responses].map(([key, value]) => {
        const [handler, method, status] = splitKey(key) as [string, string, string];
        return { labels: { handler, method, status }, value };
      }),
    },
    { name: "mb_http_request_duration_seconds", help: "Time to the response headers, by route template and method.", type: "histogram", samples: histogramSamples },
  ];
}
