import "server-only";
import { getToken } from "next-auth/jwt";
import { env } from "@/server/config/env";
import { authSettings, type TAuthSettings } from "./auth-settings";
import { LOCAL_CALLER, type TCaller } from "./caller";
import { callerFromGateway } from "./gateway-identity";
import { CALLER_HEADER, IDENTITY_HEADER_NAMES } from "./identity-headers";
import { callerFromSessionToken } from "./oidc-claims";
import { signCaller, verifyCaller } from "./signed-caller";

// The one module that decides who is asking, for every surface:
//   proxy.ts           authenticateRequest(): per AUTH_MODE, from the gateway headers or the next-auth session;
//                      then forwardIdentity() strips every client-supplied identity header and attaches the
//                      caller it established, signed.
//   tRPC, REST, SSE,   callerFromHeaders(): the signed caller, verified (via createContext / withCaller), so a
//   downloads, RSC     request that somehow skipped the proxy, or forged the header, has no identity at all.

let cached: TAuthSettings | undefined;
function settings(): TAuthSettings {
  cached ??= authSettings(env());
  return cached;
}

export type TAuthOutcome = { ok: true; caller: TCaller } | { ok: false; reason: string };

type TRequestLike = { headers: Headers; cookies?: unknown };

export async function authenticateRequest(request: TRequestLike): Promise<TAuthOutcome> {
  const auth = settings();
  switch (auth.mode) {
    case "none":
      return { ok: true, caller: LOCAL_CALLER };
    case "sso":
      return callerFromGateway(request.headers, auth.gateway);
    case "nextauth": {
      // getToken reads next-auth's session cookie (or `Authorization: Bearer <session token>` for scripts).
      const token = await getToken({ req: request as Parameters<typeof getToken>[0]["req"], secret: auth.nextauth.secret, secureCookie: auth.nextauth.secureCookie });
      const caller = callerFromSessionToken(token);
      return caller ? { ok: true, caller } : { ok: false, reason: "sign in first" };
    }
  }
}

/** proxy.ts: the headers routes receive. Identity claims from the client never pass; the gateway secret neither. */
export function forwardIdentity(headers: Headers, caller: TCaller | null): void {
  const auth = settings();
  for (const name of IDENTITY_HEADER_NAMES) headers.delete(name);
  if (auth.mode === "sso") headers.delete(auth.gateway.secretHeader);
  if (caller && auth.mode !== "none") headers.set(CALLER_HEADER, signCaller(caller, auth.signingKey));
}

/** Route side: the caller proxy.ts established for this request, or null (→ 401). */
export function callerFromHeaders(headers: Headers): TCaller | null {
  const auth = settings();
  return auth.mode === "none" ? LOCAL_CALLER : verifyCaller(headers.get(CALLER_HEADER), auth.signingKey);
}

export function authMode(): TAuthSettings["mode"] {
  return settings().mode;
}
