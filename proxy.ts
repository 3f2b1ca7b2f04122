import { NextResponse, type NextRequest } from "next/server";
import { isApiPath, isPublicPath } from "@/server/auth/public-paths";
import { authenticateRequest, authMode, forwardIdentity } from "@/server/auth/resolve-caller";
import { areaOf, countRequest, observeResponse } from "@/server/metrics/http-metrics";
import { REQUEST_ID_HEADER, validRequestId } from "@/server/trpc/request-id";

// Runs before every page and API route: request id, identity (server/auth/resolve-caller.ts), security headers.
//   sso       gateway headers, trusted only with the gateway's shared secret; otherwise 401
//   nextauth  next-auth's session; otherwise 401 (API) or the sign-in page (pages)
//   none      the local admin (development)
// Identity headers sent by clients (X-User-*, X-Org-ID, X-Team-ID, our internal caller header) never reach routes.
const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  // No script-src yet: Next's inline bootstrap scripts would need nonces. These directives cost nothing.
  "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
};

export async function proxy(request: NextRequest) {
  // Reuse a well-formed id from the gateway so one request is traceable across hops; otherwise mint one.
  const requestId = validRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? crypto.randomUUID();
  const { pathname } = request.nextUrl;
  countRequest(areaOf(pathname), request.method);

  const outcome = await authenticateRequest(request);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  forwardIdentity(requestHeaders, outcome.ok ? outcome.caller : null);

  const response = outcome.ok || isPublicPath(pathname) ? NextResponse.next({ request: { headers: requestHeaders } }) : deny(request, outcome.reason, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

function deny(request: NextRequest, reason: string, requestId: string): NextResponse {
  observeResponse("proxy", request.method, 401, 0);
  const { pathname, search } = request.nextUrl;
  if (isApiPath(pathname)) {
    return NextResponse.json({ error: { code: "UNAUTHORIZED", message: reason, requestId } }, { status: 401, headers: { "cache-control": "no-store" } });
  }
  if (authMode() === "nextauth") {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  return new NextResponse(`401 Unauthorized: ${reason}.\nRequest id: ${requestId}\n`, { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Static assets need neither an id, an identity nor the headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg).*)"],
};
