import "server-only";
import { randomUUID } from "node:crypto";
import type { TCaller } from "@/server/auth/caller";
import { noteCallerSeen } from "@/server/auth/record-seen";
import { authMode, callerFromHeaders } from "@/server/auth/resolve-caller";
import { REQUEST_ID_HEADER, validRequestId } from "./request-id";

export type TTRPCContext = { caller: TCaller | null; requestId: string };

/** The context without HTTP: tests and server-side callers pass an identity directly. */
export function createInnerTRPCContext(opts: { caller: TCaller | null; requestId?: string }): TTRPCContext {
  return { caller: opts.caller, requestId: opts.requestId ?? randomUUID() };
}

/**
 * Per request, for tRPC, the REST shim, SSE, downloads and server components alike: the caller proxy.ts
 * established (server/auth/resolve-caller.ts) and the request id it set.
 */
export function createContext(opts: { headers: Headers }): TTRPCContext {
  const requestId = validRequestId(opts.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
  const caller = callerFromHeaders(opts.headers);
  if (caller && authMode() !== "none") noteCallerSeen(caller);
  return createInnerTRPCContext({ caller, requestId });
}
