import http from "node:http";
import type { AddressInfo } from "node:net";

// Serves App Router route handlers (the real route modules) over node:http, the way `next start` hands them a
// Request and streams their Response: the request's signal aborts when the client goes away, and the body is
// written with backpressure. Cheaper than booting Next for a test, and the handler code is the same.

type TRouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;
type TServeOptions = { port?: number; /** Answers what the route does not match; false = 404. */ other?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean };
export type TServedRoute = { url: string; server: http.Server; close(): Promise<void> };

/** `pattern` is the route's folder path, e.g. "/api/v1/logs/[taskId]/stream". */
export async function serveRoute<P extends Record<string, string>>(pattern: string, handler: TRouteHandler<P>, options: TServeOptions = {}): Promise<TServedRoute> {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/\[(\w+)\]/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    const match = regex.exec(url.pathname);
    if (!match || req.method !== "GET") return void (options.other?.(req, res) || res.writeHead(404).end());
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) as P;
    const aborter = new AbortController();
    res.on("close", () => aborter.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: "GET", headers, signal: aborter.signal });
    void handler(request, { params: Promise.resolve(params) }).then((response) => pipeResponse(response, res), (error) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function pipeResponse(response: Response, res: http.ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => undefined));
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
