import "server-only";
import { logger } from "@/server/logger";
import type { LogHub, TLogSubscription } from "./log-hub";
import type { TLogChunk } from "./task-log-feed";
import { HEARTBEAT, RETRY, encodeEndEvent, encodeText } from "./log-sse-format";
import { assertLogTarget } from "./task-log-queries";

export type TLogStreamOptions = {
  hub: LogHub;
  orgId: string;
  taskId: string;
  /** Lines after this sequence number (Last-Event-ID or ?after=); 0 = the whole history. */
  after?: bigint;
  /** Only this run's lines and the task-level ones (runId null). */
  runId?: string;
  /** A `: heartbeat` comment this often (default 15 s), so proxies and clients see a live connection. */
  heartbeatMs?: number;
  /** The request's signal: a client that goes away releases the subscription and the timer. */
  signal?: AbortSignal;
};

/** Lines per chunk written (and per history query). */
const PAGE = 1000;
const HEARTBEAT_BYTES = encodeText(HEARTBEAT);
const RETRY_BYTES = encodeText(RETRY);
let active = 0;

/** Streams of this process not yet released (each holds a subscription and a heartbeat timer). */
export const activeLogStreams = () => active;

/**
 * A task's log as Server-Sent Events, framework-free (the route only parses input and sets headers).
 *
 * Contract of GET /api/v1/logs/{taskId}/stream[?after=<seq>][&runId=<uuid>]:
 * - 200 `text/event-stream`, `Cache-Control: no-cache, no-transform`, `X-Accel-Buffering: no`.
 *   First `retry: 2000`, then one event per line, oldest first, each sequence number once:
 *     id: <seq>
 *     event: log
 *     data: {"seq":"<seq>","runId":<uuid|null>,"level":"debug|info|warn|error","message":"…","at":"<ISO time>"}
 *   (`seq` is a decimal string: sequence numbers are bigint.)
 * - Starts after the `Last-Event-ID` header, else after `?after=`, else from the first line. Resuming with the last
 *   id received gives no duplicates and no gaps.
 * - `?runId=` keeps that run's lines AND the task-level lines (runId null: preparing, finishing), so a run's viewer
 *   still sees how the task began and ended. Ids stay the task's sequence numbers (gaps are the other runs').
 * - `: heartbeat` comment every 15 s.
 * - Once the task is completed, failed or cancelled and every line is sent: `event: end`, `data: {"status":"<status>"}`
 *   (no id), and the stream closes. A final status counts once no late line can follow (finishedAt older than the
 *   hub's settle time, 2 s, or seen final that long), since finish-task logs its last line after the status.
 * - Errors before the stream starts are JSON (`{error:{code,message,field?,requestId}}`): 401 without a caller,
 *   404 for an unknown task or another org's, or a run not of this task; 400 naming the field (taskId, runId, after,
 *   Last-Event-ID).
 * Live lines come from the hub (LISTEN/NOTIFY). Pull-based: a slow client is not buffered without bound; when it
 * falls behind the hub's window it reads on from the database. Disconnecting (request signal or cancel) releases
 * the subscription and the heartbeat timer.
 */
export async function openTaskLogStream(opts: TLogStreamOptions): Promise<ReadableStream<Uint8Array>> {
  await assertLogTarget(opts.hub.pool, opts.orgId, opts.taskId, opts.runId);
  const sub = await opts.hub.subscribe(opts.taskId);
  active++;
  let cursor = opts.after ?? 0n;
  let heartbeat: NodeJS.Timeout | undefined;
  let released = false;
  let close = () => {};

  const release = () => {
    if (released) return;
    released = true;
    active--;
    clearInterval(heartbeat);
    opts.signal?.removeEventListener("abort", close);
    sub.close();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (bytes: Uint8Array) => !released && controller.enqueue(bytes);
      close = () => {
        release();
        try {
          controller.close();
        } catch {
          // already closed or errored by the consumer
        }
      };
      send(RETRY_BYTES);
      heartbeat = setInterval(() => send(HEARTBEAT_BYTES), opts.heartbeatMs ?? 15_000);
      opts.signal?.addEventListener("abort", close, { once: true });
      if (opts.signal?.aborted) close();
    },
    async pull(controller) {
      while (!released) {
        const state = sub.state();
        let batch: TLogChunk;
        try {
          batch = await sub.read(cursor, opts.runId, PAGE);
        } catch (error) {
          logger.warn({ err: error, taskId: opts.taskId }, "log stream read failed; retrying");
          await changedOrTimeout(sub, state.version, 1000);
          continue;
        }
        if (released) return;
        const moved = batch.through > cursor;
        if (moved) cursor = batch.through;
        if (batch.bytes) {
          controller.enqueue(batch.bytes);
          return;
        }
        if (moved) continue; // a page the run filter emptied
        if (state.loaded && state.settled && cursor >= state.head) {
          controller.enqueue(encodeText(encodeEndEvent(state.status)));
          close();
          return;
        }
        await sub.changed(state.version);
      }
    },
    cancel() {
      release();
    },
  });
}

function changedOrTimeout(sub: TLogSubscription, version: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void sub.changed(version).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
