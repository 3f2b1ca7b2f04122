"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/providers/trpc-provider";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE } from "@/components/ui/chart-frame";
import { SelectField } from "@/components/ui/select-field";
import { Panel } from "@/components/ui/panel";
import { ErrorMessage, LoadingMessage } from "@/components/ui/state-message";
import type { TThroughputRange } from "@/server/dashboard/schema";
import { QUEUE_NAMES, type TQueueName } from "@/server/jobs/queues";

const RANGES: { value: TThroughputRange; label: string }[] = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
];
const RANGE_UNIT: Record<TThroughputRange, string> = { "1h": "per minute", "24h": "per hour", "7d": "per 6 hours" };
const TICK_FORMAT: Record<TThroughputRange, Intl.DateTimeFormatOptions> = {
  "1h": { hour: "2-digit", minute: "2-digit", hour12: false },
  "24h": { hour: "2-digit", minute: "2-digit", hour12: false },
  "7d": { weekday: "short", hour: "2-digit", hour12: false },
};

/** Finished jobs per bucket (completed stacked on failed), and on the all-queues view finished tasks as a line. */
export function ThroughputPanel({ byQueue = false }: { byQueue?: boolean }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<TThroughputRange>("1h");
  const [queue, setQueue] = useState<TQueueName | "">("");
  const query = useQuery(
    trpc.dashboard.throughput.queryOptions({ range, ...(queue ? { queue } : {}) }, { refetchInterval: range === "1h" ? 5000 : 60_000, placeholderData: keepPreviousData }),
  );
  const format = new Intl.DateTimeFormat(undefined, TICK_FORMAT[range]);
  const data = (query.data?.points ?? []).map((p) => ({ ...p, label: format.format(p.at) }));
  const totals = data.reduce((t, p) => ({ completed: t.completed + p.completed, failed: t.failed + p.failed, tasks: t.tasks + p.tasksFinished }), { completed: 0, failed: 0, tasks: 0 });
  const title = `Finished ${RANGE_UNIT[range]}${queue ? ` in queue ${queue}` : ""}`;

  const controls = (
    <div className="flex gap-2">
      {byQueue ? <SelectField label="Queue" anyLabel="All queues" options={QUEUE_NAMES} value={queue} onChange={(q) => setQueue(q as TQueueName | "")} /> : null}
      <SelectField label="Range" options={RANGES} value={range} onChange={(r) => setRange(r as TThroughputRange)} />
    </div>
  );

  return (
    <Panel title="Throughput" actions={controls}>
      {query.isPending ? <LoadingMessage>Loading throughput…</LoadingMessage> : null}
      {query.isError && !query.data ? <ErrorMessage title="Could not load throughput" message={query.error.message} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <ChartFrame
          title={title}
          summary={`${totals.completed} jobs completed, ${totals.failed} failed${queue ? "" : `, ${totals.tasks} tasks finished`} in the selected range.`}
          height={240}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={GRID_STROKE} vertical={false} />
              <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={24} />
              <YAxis allowDecimals={false} tick={AXIS_TICK} />
              <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: "rgb(161 161 170 / 0.15)" }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="completed" name="jobs completed" stackId="jobs" fill="#10b981" isAnimationActive={false} />
              <Bar dataKey="failed" name="jobs failed" stackId="jobs" fill="#ef4444" isAnimationActive={false} />
              {queue ? null : <Line dataKey="tasksFinished" name="tasks finished" stroke="#6366f1" strokeWidth={2} dot={false} isAnimationActive={false} />}
            </ComposedChart>
          </ResponsiveContainer>
        </ChartFrame>
      ) : null}
    </Panel>
  );
}
