import type http from "node:http";
import { Readable } from "node:stream";

// node:http ⇄ the Web Request/Response our route handlers speak, the way `next start` does it: the request's signal
// aborts when the client goes away, and the response body is written with backpressure (a slow reader of a bundle
// or a log stream holds the handler, not the server's memory). Used by the production web server's /api/v1 path
// (scripts/web-server.ts) and by tests that serve one route without booting Next.

export function webHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** `url` is the already-parsed request URL. The body streams (never buffered here); GET and HEAD have none. */
export function toWebRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL, headers = webHeaders(req)): Request {
  const aborter = new AbortController();
  // Only a client that left early aborts: 'close' also follows every finished response, and an abort costs an Error.
  res.once("close", () => res.writableFinished || aborter.abort());
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    signal: aborter.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** `extra` headers win over the response's own (e.g. the security headers of server/auth/admit-request.ts). */
export async function sendWebResponse(response: Response, res: http.ServerResponse, extra: Record<string, string> = {}): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  // A body the handler did not read (a 413 decided from Content-Length, a 401 before parsing) is still on the socket:
  // close the connection after this answer, or its bytes would be parsed as the next request on the keep-alive socket.
  if (!res.req.complete) headers.connection = "close";
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (!response.body) return void res.writeHead(response.status, headers).end();
  // A JSON answer is one small chunk: send it whole with its length rather than chunked in two writes.
  if (/^application\/json\b/.test(response.headers.get("content-type") ?? "")) {
    const body = Buffer.from(await response.arrayBuffer());
    return void res.writeHead(response.status, { ...headers, "content-length": String(body.byteLength) }).end(body);
  }
  res.writeHead(response.status, headers);
  // Streams (SSE, downloads): the client sees the status now, not when the first chunk is ready.
  res.flushHeaders();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  }
}

/** Resolves when the socket takes more, or when it is gone (then the next read's cancel ends the loop). */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
