"use client";

import { useEffect, useState } from "react";
import { useTRPCClient } from "@/components/providers/trpc-provider";
import { isOpenTask } from "./task-statuses";
import type { TLogLine } from "./types";

export type TLogMode = "connecting" | "live" | "polling" | "ended";

/** The most lines kept in the page; older ones fall off the top (the bundle has them all). */
export const MAX_LOG_LINES = 5000;
const POLL_MS = 1000;
const FLUSH_MS = 100;
/** Consecutive failed reconnects (no event in between) before giving up on the stream. */
const MAX_STREAM_ERRORS = 3;

/**
 * A task's log lines: Server-Sent Events from /api/v1/logs/{taskId}/stream (history, then live lines; the browser
 * resumes with Last-Event-ID by itself), falling back to polling tasks.logs after the last sequence number seen
 * when the stream cannot be used. Lines are buffered and flushed every 100 ms, so a burst of history renders once.
 */
export function useTaskLog(taskId: string, runId: string | undefined): { lines: TLogLine[]; mode: TLogMode } {
  const client = useTRPCClient();
  const [state, setState] = useState<{ key: string; lines: TLogLine[]; mode: TLogMode }>({ key: "", lines: [], mode: "connecting" });
  const key = `${taskId}:${runId ?? ""}`;

  useEffect(() => {
    let disposed = false;
    let lastSeq = 0n;
    let pending: TLogLine[] = [];
    let source: EventSource | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    setState({ key, lines: [], mode: "connecting" });

    const setMode = (mode: TLogMode) => !disposed && setState((s) => (s.mode === mode ? s : { ...s, mode }));
    const accept = (line: TLogLine) => {
      const seq = BigInt(line.seq);
      if (seq <= lastSeq) return; // a resumed stream or an overlapping poll repeats lines
      lastSeq = seq;
      pending.push(line);
    };
    const flush = setInterval(() => {
      if (pending.length === 0 || disposed) return;
      const batch = pending;
      pending = [];
      setState((s) => ({ ...s, lines: [...s.lines, ...batch].slice(-MAX_LOG_LINES) }));
    }, FLUSH_MS);

    const poll = async () => {
      if (disposed) return;
      try {
        const page = await client.tasks.logs.query({ id: taskId, runId, afterSeq: lastSeq > 0n ? lastSeq.toString() : undefined, limit: 1000 });
        page.lines.forEach(accept);
        if (!isOpenTask(page.taskStatus) && page.lines.length < 1000) return setMode("ended");
        setMode("polling");
        pollTimer = setTimeout(() => void poll(), page.lines.length === 1000 ? 0 : POLL_MS);
      } catch {
        pollTimer = setTimeout(() => void poll(), POLL_MS * 3);
      }
    };
    const fallBackToPolling = () => {
      source?.close();
      source = undefined;
      setMode("polling");
      void poll();
    };

    if (typeof EventSource === "undefined") fallBackToPolling();
    else {
      let errors = 0;
      const url = `/api/v1/logs/${encodeURIComponent(taskId)}/stream${runId ? `?runId=${encodeURIComponent(runId)}` : ""}`;
      source = new EventSource(url);
      source.addEventListener("open", () => setMode("live"));
      source.addEventListener("log", (event) => {
        errors = 0;
        try {
          accept(JSON.parse((event as MessageEvent<string>).data) as TLogLine);
        } catch {
          // a malformed event is skipped; the next poll or resume fills any gap by sequence number
        }
      });
      source.addEventListener("end", () => {
        source?.close();
        setMode("ended");
      });
      source.addEventListener("error", () => {
        // CLOSED: the server refused the stream (404, 401, not an event stream); CONNECTING: the browser retries.
        if (source?.readyState === EventSource.CLOSED || ++errors >= MAX_STREAM_ERRORS) fallBackToPolling();
        else setMode("connecting");
      });
    }

    return () => {
      disposed = true;
      source?.close();
      clearInterval(flush);
      clearTimeout(pollTimer);
    };
  }, [client, taskId, runId, key]);

  // Until the effect has reset the state for a new task or run, show nothing from the previous one.
  return state.key === key ? { lines: state.lines, mode: state.mode } : { lines: [], mode: "connecting" };
}
