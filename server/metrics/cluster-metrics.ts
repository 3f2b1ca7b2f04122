import { httpMetrics, type THistogram, type THttpMetrics } from "./http-metrics";

// Under `npm start` with WEB_CONCURRENCY > 1 (scripts/web-cluster.mjs) each web process counts only the requests it
// served. /api/metrics asks the cluster's primary for every worker's counters over the IPC channel and sums them, so a
// scrape sees the whole server whichever process answers it. Without a cluster: this process's counters.

// A worker asks the cluster's primary (scripts/web-cluster.mjs) to COLLECT; the primary asks every worker for its
// httpMetricsSnapshot().
const COLLECT = "mb:http-metrics:collect";
type TSnapshot = { seen: [string, number][]; responses: [string, number][]; durations: [string, THistogram][] };

/** This process's counters in a form that survives IPC (Maps do not). */
export function httpMetricsSnapshot(): TSnapshot {
  const { seen, responses, durations } = httpMetrics();
  return { seen: [...seen], responses: [...responses], durations: [...durations] };
}

export async function clusterHttpMetrics(timeoutMs = 2000): Promise<THttpMetrics> {
  if (process.env.MB_WEB_CLUSTER !== "1" || typeof process.send !== "function") return httpMetrics();
  const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const snapshots = await new Promise<TSnapshot[] | undefined>((resolve) => {
    const timer = setTimeout(() => done(undefined), timeoutMs);
    function done(value: TSnapshot[] | undefined) {
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(value);
    }
    function onMessage(message: unknown) {
      const m = message as { type?: string; id?: string; snapshots?: TSnapshot[] };
      if (m?.type === COLLECT && m.id === id) done(m.snapshots ?? []);
    }
    process.on("message", onMessage);
    process.send!({ type: COLLECT, id });
  });
  return snapshots ? mergeHttpMetrics(snapshots) : httpMetrics();
}

export function mergeHttpMetrics(snapshots: TSnapshot[]): THttpMetrics {
  const merged: THttpMetrics = { seen: new Map(), responses: new Map(), durations: new Map() };
  for (const snapshot of snapshots) {
    for (const [key, value] of snapshot.seen) merged.seen.set(key, (merged.seen.get(key) ?? 0) + value);
    for (const [key, value] of snapshot.responses) merged.responses.set(key, (merged.responses.get(key) ?? 0) + value);
    for (const [key, h] of snapshot.durations) {
      const into = merged.durations.get(key);
      if (!into) merged.durations.set(key, { buckets: [...h.buckets], sum: h.sum, count: h.count });
      else {
        h.buckets.forEach((value, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + value));
        into.sum += h.sum;
        into.count += h.count;
      }
    }
  }
  return merged;
}
