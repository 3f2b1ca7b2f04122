import type { TTaskLogView } from "./read-task-logs";

// The wire format of GET /api/v1/logs/{taskId}/stream (text/event-stream). One place, so the stream and the
// cache of encoded lines agree byte for byte.

/** `id: <seq>`, `event: log`, `data: {"seq","runId","level","message","at"}` (JSON escapes newlines: one data line). */
export function encodeLogEvent(line: TTaskLogView): string {
  return `id: ${line.seq}\nevent: log\ndata: ${JSON.stringify(line)}\n\n`;
}

/** The last event of a finished task's stream (no id, so Last-Event-ID stays at the last line). */
export function encodeEndEvent(status: string): string {
  return `event: end\ndata: ${JSON.stringify({ status })}\n\n`;
}

const encoder = new TextEncoder();

/** Lines' events as one chunk; undefined for none. */
export function encodeLines(lines: { event: string }[]): Uint8Array | undefined {
  return lines.length > 0 ? encoder.encode(lines.map((l) => l.event).join("")) : undefined;
}

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

export const HEARTBEAT = ": heartbeat\n\n";

/** EventSource reconnects after this long (and sends Last-Event-ID). */
export const RETRY = "retry: 2000\n\n";
