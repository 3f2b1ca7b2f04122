import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, validRequestId } from "@/server/trpc/request-id";

// Runs before every page and API route. Identity (gateway secret, SSO headers) is added here by the auth issue.
const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  // No script-src yet: Next's inline bootstrap scripts would need nonces. These directives cost nothing.
  "Content-Security-Policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
};

export function proxy(request: NextRequest) {
  // Reuse a well-formed id from the gateway so one request is traceable across hops; otherwise mint one.
  const requestId = validRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? crypto.randomUUID();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static assets need neither an id nor the headers.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg).*)"],
};
