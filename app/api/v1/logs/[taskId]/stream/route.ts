import { AppError } from "@/server/errors";
import { ZLogSeq, ZLogStreamInput } from "@/server/evaluation/logs/log-stream-schema";
import { logHeartbeatMs, logHub } from "@/server/evaluation/logs/process-log-hub";
import { openTaskLogStream } from "@/server/evaluation/logs/sse-stream";
import { withCaller } from "@/server/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/logs/{taskId}/stream?after=&runId=: the task's log as Server-Sent Events (contract in
 * server/evaluation/logs/sse-stream.ts): history after Last-Event-ID (or ?after=), then live lines, then
 * `event: end` once the task is final. Another org's task or an unknown one: 404; bad ids: 400 naming the field.
 */
export const GET = withCaller<{ taskId: string }>(async (req, { caller, requestId }, params) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const input = ZLogStreamInput.parse({ ...query, taskId: params.taskId });
  const lastEventId = req.headers.get("last-event-id");
  const resume = lastEventId === null ? undefined : ZLogSeq.safeParse(lastEventId);
  if (resume && !resume.success) throw new AppError("INVALID_INPUT", "Last-Event-ID: must be a log sequence number", "Last-Event-ID");

  const stream = await openTaskLogStream({
    hub: logHub(),
    orgId: caller.orgId,
    taskId: input.taskId,
    after: resume?.data ?? input.after ?? 0n,
    runId: input.runId,
    heartbeatMs: logHeartbeatMs(),
    signal: req.signal,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: keeps compression (Next's, a proxy's) from buffering the stream
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      "x-request-id": requestId,
    },
  });
});
