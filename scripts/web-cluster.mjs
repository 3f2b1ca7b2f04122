// scripts/web-server.ts in WEB_CONCURRENCY processes sharing one port (node:cluster), for `npm start` on a machine with
// more than one core: one web process's single thread saturates first (npm run bench:api). Started with the web
// server's loaders (scripts/web-command.ts), which the forked workers inherit.
//   primary  forks the workers, restarts one that dies (not while stopping), stops when all have exited, and relays
//            /api/metrics' request for every worker's HTTP counters (server/metrics/cluster-metrics.ts)
//   worker   answers that request from its own counters, then runs scripts/web-server.ts
import cluster from "node:cluster";

const count = Number(process.env.WEB_CONCURRENCY || 1);
// The primary loads no TypeScript (a transform would start an esbuild service process beside the workers), so the
// message names are spelled here; server/metrics/cluster-metrics.ts sends COLLECT.
const COLLECT = "mb:http-metrics:collect";
const SNAPSHOT = "mb:http-metrics:snapshot";

if (cluster.isPrimary) {
  let stopping = false;
  let exitCode = 0;
  // MB_WEB_CLUSTER tells server/metrics/cluster-metrics.ts to ask this process for the others' counters.
  const fork = () => {
    const worker = cluster.fork({ MB_WEB_CLUSTER: "1" });
    worker.on("message", (message) => relay(worker, message));
  };
  for (let i = 0; i < count; i++) fork();

  /** A worker asked for every worker's counters: ask them all, hand the answers back (or what came within 1 s). */
  const pending = new Map();
  function relay(from, message) {
    if (message?.type === COLLECT) {
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
      const entry = { snapshots: [], waiting: workers.length };
      entry.finish = () => {
        clearTimeout(entry.timer);
        if (pending.delete(message.id) && from.isConnected()) from.send({ type: COLLECT, id: message.id, snapshots: entry.snapshots });
      };
      entry.timer = setTimeout(entry.finish, 1000);
      pending.set(message.id, entry);
      for (const worker of workers) worker.send({ type: SNAPSHOT, id: message.id });
    } else if (message?.type === SNAPSHOT) {
      const entry = pending.get(message.id);
      if (!entry) return;
      entry.snapshots.push(message.snapshot);
      if (--entry.waiting <= 0) entry.finish();
    }
  }

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      console.error(`[web-cluster] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}): starting another`);
      setTimeout(fork, 1000);
      return;
    }
    if (code) exitCode = code;
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });
} else {
  // The counters live on globalThis (server/metrics/http-metrics.ts), shared by the /api/v1 path, proxy.ts and every
  // route bundle of this process.
  const { httpMetricsSnapshot } = await import("../server/metrics/cluster-metrics.ts");
  process.on("message", (message) => {
    if (message?.type === SNAPSHOT) process.send?.({ type: SNAPSHOT, id: message.id, snapshot: httpMetricsSnapshot() });
  });
  await import("./web-server.ts");
}
