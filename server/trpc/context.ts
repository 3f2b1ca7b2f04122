import "server-only";
import { randomUUID } from "node:crypto";
import { LOCAL_CALLER, type TCaller } from "@/server/auth/caller";
import { env } from "@/server/config/env";
import { REQUEST_ID_HEADER, validRequestId } from "./request-id";

export type TTRPCContext = { caller: TCaller | null; requestId: string };

/** The context without HTTP: tests and server-side callers pass an identity directly. */
export function createInnerTRPCContext(opts: { caller: TCaller | null; requestId?: string }): TTRPCContext {
  return { caller: opts.caller, requestId: opts.requestId ?? randomUUID() };
}

/** Per request: identity and request id from the headers (proxy.ts has already set X-Request-ID). */
export function createContext(opts: { headers: Headers }): TTRPCContext {
  const requestId = validRequestId(opts.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
  return createInnerTRPCContext({ caller: resolveCaller(opts.headers), requestId });
}

// SSO headers and next-auth arrive with the auth issue; until then those modes resolve nobody (→ UNAUTHORIZED),
// which fails closed instead of silently acting as the local admin.
function resolveCaller(_headers: Headers): TCaller | null {
  return env().AUTH_MODE === "none" ? LOCAL_CALLER : null;
}
