"use client";

import dynamic from "next/dynamic";

// recharts is ~110 kB gzipped: loaded after the page, so first-load JavaScript stays under 250 kB (npm run bench:pages).
export const ThroughputPanel = dynamic(() => import("./throughput-panel").then((m) => m.ThroughputPanel), {
  ssr: false,
  loading: () => <div role="status" aria-label="Loading throughput chart" className="h-72 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />,
});
