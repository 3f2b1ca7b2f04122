import http from "node:http";
import type { AddressInfo } from "node:net";
import { sendWebResponse, toWebRequest } from "../../server/http/node-web-bridge";

// Serves one App Router route handler (the real route module) over node:http through the same bridge the production
// web server uses for /api/v1 (server/http/node-web-bridge.ts). Cheaper than booting Next for a test.

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
    const request = toWebRequest(req, res, url);
    void handler(request, { params: Promise.resolve(params) }).then((response) => sendWebResponse(response, res), (error) => {
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
