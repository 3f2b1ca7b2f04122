"use client";

import dynamic from "next/dynamic";

// recharts loads after the table (see components/queues/throughput-panel-lazy.tsx).
export const DimensionCharts = dynamic(() => import("./dimension-charts").then((m) => m.DimensionCharts), {
  ssr: false,
  loading: () => <div role="status" aria-label="Loading charts" className="h-64 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />,
});
