"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { Panel } from "@/components/ui/panel";
import { EmptyMessage } from "@/components/ui/state-message";
import { runName } from "./runs-panel";
import type { TRunView } from "./types";
import { useTaskLog, type TLogMode } from "./use-task-log";

const MODE_TEXT: Record<TLogMode, string> = { connecting: "Connecting…", live: "Live", polling: "Live (polling)", ended: "Finished" };
const LEVEL_CLASS: Record<string, string> = {
  error: "text-red-400",
  warn: "text-amber-300",
  info: "text-sky-300",
  debug: "text-zinc-500",
};
const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** The task's log, following the tail; Pause freezes the view (lines keep arriving and show on Resume). */
export function LogViewer({ taskId, runs }: { taskId: string; runs: TRunView[] }) {
  const [runId, setRunId] = useState("");
  const [pausedAtSeq, setPausedAtSeq] = useState<bigint | null>(null);
  const { lines, mode } = useTaskLog(taskId, runId || undefined);
  const scroller = useRef<HTMLDivElement>(null);
  const visible = pausedAtSeq === null ? lines : lines.filter((l) => BigInt(l.seq) <= pausedAtSeq);
  const waiting = lines.length - visible.length;
  const names = new Map(runs.map((r) => [r.id, runName(r)]));

  useEffect(() => {
    if (pausedAtSeq === null && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [visible.length, pausedAtSeq]);

  const togglePause = () => setPausedAtSeq(pausedAtSeq === null ? BigInt(lines[lines.length - 1]?.seq ?? "0") : null);

  return (
    <Panel
      title="Log"
      actions={
        <span role="status" className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          <span aria-hidden className={`size-2 rounded-full ${mode === "ended" ? "bg-zinc-400" : mode === "connecting" ? "bg-amber-500" : "bg-emerald-500"}`} />
          {MODE_TEXT[mode]} · {lines.length} lines
        </span>
      }
    >
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <SelectField
          label="Log of run"
          anyLabel="All runs"
          options={runs.map((r) => ({ value: r.id, label: runName(r) }))}
          value={runId}
          onChange={(next) => {
            setRunId(next);
            setPausedAtSeq(null);
          }}
        />
        <Button aria-pressed={pausedAtSeq !== null} onClick={togglePause}>
          {pausedAtSeq === null ? "Pause" : waiting > 0 ? `Resume (${waiting} new)` : "Resume"}
        </Button>
      </div>
      <div
        ref={scroller}
        role="log"
        aria-label="Task log"
        aria-live="off"
        tabIndex={0}
        className="h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-200"
      >
        {visible.length === 0 ? (
          <EmptyMessage>{mode === "ended" ? "This task logged nothing." : "Waiting for log lines…"}</EmptyMessage>
        ) : (
          visible.map((line) => (
            <div key={line.seq} className="flex gap-2 whitespace-pre-wrap break-words">
              <span className="shrink-0 text-zinc-500" suppressHydrationWarning>
                {TIME.format(new Date(line.at))}
              </span>
              <span className={`w-10 shrink-0 uppercase ${LEVEL_CLASS[line.level] ?? "text-zinc-400"}`}>{line.level}</span>
              {line.runId ? <span className="shrink-0 text-violet-300">[{names.get(line.runId) ?? line.runId.slice(0, 8)}]</span> : null}
              <span className="min-w-0">{line.message}</span>
            </div>
          ))
        )}
      </div>
    </Panel>
  );
}
