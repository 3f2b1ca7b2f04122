import { areaOf, countRequest, observeResponse } from "@/server/metrics/http-metrics";
import { REQUEST_ID_HEADER, validRequestId } from "@/server/trpc/request-id";
import { isPublicPath } from "./public-paths";
import { authenticateRequest, forwardIdentity } from "./resolve-caller";

// The front door every request passes, whichever server answers it: proxy.ts for what Next serves, and the
// production web server's /api/v1 path (server/rest/rest-dispatch.ts), which skips Next's routing for speed.
// Request id, the request counter, identity (server/auth/resolve-caller.ts) and the headers the route receives.

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  // No script-src yet: Next's inline bootstrap scripts would need nonces. These directives cost nothing.
  "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
};

export type TAdmission = {
  requestId: string;
  /** The request's headers as the route must see them: our request id, client identity claims stripped, the caller signed. */
  headers: Headers;
  /** Why the caller is refused (401), or null when the request goes on (it has a caller, or the path is public). */
  denied: string | null;
};

type TRequestLike = { headers: Headers; cookies?: unknown; method: string };

export async function admitRequest(request: TRequestLike, pathname: string): Promise<TAdmission> {
  // Reuse a well-formed id from the gateway so one request is traceable across hops; otherwise mint one.
  const requestId = validRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? crypto.randomUUID();
  countRequest(areaOf(pathname), request.method);
  const outcome = await authenticateRequest(request);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  forwardIdentity(headers, outcome.ok ? outcome.caller : null);
  return { requestId, headers, denied: outcome.ok || isPublicPath(pathname) ? null : outcome.reason };
}

/** The API's 401: JSON like every other API error, and counted (the route never ran). */
export function unauthorizedApiResponse(method: string, reason: string, requestId: string): Response {
  observeResponse("proxy", method, 401, 0);
  return Response.json({ error: { code: "UNAUTHORIZED", message: reason, requestId } }, { status: 401, headers: { "cache-control": "no-store" } });
}

/** What every response carries: its request id and SECURITY_HEADERS. */
export function responseHeaders(requestId: string): Record<string, string> {
  return { ...SECURITY_HEADERS, [REQUEST_ID_HEADER]: requestId };
}
