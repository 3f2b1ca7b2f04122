import type { ServerResponse } from "node:http";
import type { TConversation, TReply } from "../types";

// What the three protocol modules share: the reader/writer contract, SSE framing, and JSON helpers for untyped bodies.

export type TJsonObject = Record<string, unknown>;

export type TProtocolModule = {
  /** Reads a request body into a conversation; `model` comes from the URL for Gemini. */
  read(body: TJsonObject, chars: number, route: { model?: string; stream: boolean }): TConversation;
  write(res: ServerResponse, reply: TReply, conversation: TConversation, seq: number): void;
};

export const obj = (value: unknown): TJsonObject | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as TJsonObject) : undefined;
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Text of a content value that is a string or a list of {type:"text",text} blocks. */
export function blocksText(value: unknown): string {
  if (typeof value === "string") return value;
  return arr(value)
    .map((block) => text(obj(block)?.text))
    .filter(Boolean)
    .join("\n");
}

/** Streams text in pieces of at most this many characters, as real models send deltas. */
export const DELTA_CHARS = 160;
export function pieces(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += DELTA_CHARS) out.push(value.slice(i, i + DELTA_CHARS));
  return out.length > 0 ? out : [""];
}

export function startSse(res: ServerResponse) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
