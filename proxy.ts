import { NextResponse, type NextRequest } from "next/server";
import { admitRequest, responseHeaders, unauthorizedApiResponse } from "@/server/auth/admit-request";
import { isApiPath } from "@/server/auth/public-paths";
import { authMode } from "@/server/auth/resolve-caller";
import { observeResponse } from "@/server/metrics/http-metrics";

// Runs before every page and API route Next serves (the production server answers /api/v1 itself, through the
// same server/auth/admit-request.ts): request id, identity (server/auth/resolve-caller.ts), security headers.
//   sso       gateway headers, trusted only with the gateway's shared secret; otherwise 401
//   nextauth  next-auth's session; otherwise 401 (API) or the sign-in page (pages)
//   none      the local admin (development)
// Identity headers sent by clients (X-User-*, X-Org-ID, X-Team-ID, our internal caller header) never reach routes.
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const admission = await admitRequest(request, pathname);
  const response = admission.denied === null ? NextResponse.next({ request: { headers: admission.headers } }) : deny(request, admission.denied, admission.requestId);
  for (const [name, value] of Object.entries(responseHeaders(admission.requestId))) response.headers.set(name, value);
  return response;
}

function deny(request: NextRequest, reason: string, requestId: string): Response {
  const { pathname, search } = request.nextUrl;
  if (isApiPath(pathname)) return unauthorizedApiResponse(request.method, reason, requestId);
  observeResponse("proxy", request.method, 401, 0);
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
