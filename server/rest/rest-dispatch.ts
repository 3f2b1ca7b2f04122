import "server-only";
import type http from "node:http";
import { admitRequest, responseHeaders, unauthorizedApiResponse } from "@/server/auth/admit-request";
import { authMode } from "@/server/auth/resolve-caller";
import { env } from "@/server/config/env";
import { errorResponse } from "@/server/http/route-handler";
import { sendWebResponse, toWebRequest, webHeaders } from "@/server/http/node-web-bridge";
import type { TRestMethod } from "./define-route";
import { restHandler } from "./rest-handler";
import { REST_ROUTES } from "./rest-routes";

// The production web server (scripts/web-server.ts) answers /api/v1 operations here, on node:http, before Next's
// router sees them: Next's routing and proxy machinery cost 5–7 ms of CPU per request on a 2-core machine, more than
// the operations themselves (npm run bench:api). The request takes the same steps as through Next: the front door
// of proxy.ts (server/auth/admit-request.ts), then the same route handler (server/rest/rest-handler.ts).
// Whatever is not a plain match is left to Next (false), so edge cases keep Next's behaviour: other methods
// (HEAD, OPTIONS → Next's automatic answers), trailing slashes, malformed escapes, and AUTH_MODE=nextauth, whose
// session cookie next-auth reads from Next's request. API_FAST_PATH=0 sends everything through Next.

type TEntry = { method: TRestMethod; segments: string[]; handler: ReturnType<typeof restHandler> };

let table: TEntry[] | undefined;
function routes(): TEntry[] {
  table ??= REST_ROUTES.map((route) => ({ method: route.method, segments: route.path.split("/"), handler: restHandler(route.method, route.path) }));
  return table;
}

type TMatch = { handler: TEntry["handler"]; params: Record<string, string> };

/** The operation for a method and path, with its decoded path parameters; null when none matches exactly. */
export function matchRestRoute(method: string, pathname: string): TMatch | null {
  if (!pathname.startsWith("/api/v1/")) return null;
  const parts = pathname.split("/");
  for (const entry of routes()) {
    if (entry.method !== method || entry.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; ok && i < parts.length; i++) {
      const template = entry.segments[i]!;
      const part = parts[i]!;
      if (template.startsWith("{")) {
        const value = decodeSegment(part);
        if (value === null || value === "") ok = false;
        else params[template.slice(1, -1)] = value;
      } else ok = template === part;
    }
    if (ok) return { handler: entry.handler, params };
  }
  return null;
}

function decodeSegment(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Answers the request and returns true, or returns false (untouched) for Next to answer. */
export function serveRestRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const target = req.url ?? "";
  if (!target.startsWith("/api/v1/") || !env().API_FAST_PATH || authMode() === "nextauth") return false;
  let url: URL;
  try {
    url = new URL(target, "http://localhost");
  } catch {
    return false;
  }
  const match = matchRestRoute(req.method ?? "GET", url.pathname);
  if (!match) return false;
  // answer() turns every error into a response; this is for a socket that broke while writing one.
  answer(req, res, url, match).catch(() => res.destroy());
  return true;
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, url: URL, match: TMatch): Promise<void> {
  const method = req.method ?? "GET";
  let requestId: string = crypto.randomUUID();
  let response: Response;
  try {
    const admission = await admitRequest({ headers: webHeaders(req), method }, url.pathname);
    requestId = admission.requestId;
    response =
      admission.denied !== null
        ? unauthorizedApiResponse(method, admission.denied, requestId)
        : await match.handler(toWebRequest(req, res, url, admission.headers), { params: Promise.resolve(match.params) });
  } catch (error) {
    response = errorResponse(error, requestId);
  }
  await sendWebResponse(response, res, responseHeaders(requestId));
}
