import "server-only";
import { headers } from "next/headers";
import type { TCaller } from "./caller";
import { authMode, callerFromHeaders } from "./resolve-caller";

export type TIdentity = { mode: "none" | "sso" | "nextauth"; caller: TCaller | null };

/** For server components (the dashboard layout's identity banner): the mode and this request's caller. */
export async function currentIdentity(): Promise<TIdentity> {
  return { mode: authMode(), caller: callerFromHeaders(await headers()) };
}
