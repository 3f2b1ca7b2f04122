import { ZCaller, type TCaller } from "./caller";
import { secretMatches } from "./constant-time";
import { GATEWAY_HEADERS } from "./identity-headers";

export type TGatewaySettings = { secret: string; secretHeader: string };
export type TGatewayResult = { ok: true; caller: TCaller } | { ok: false; reason: string };

/**
 * AUTH_MODE=sso: the X-User-* / X-Org-* headers, trusted only when the request carries the gateway's shared
 * secret. Reasons never quote the presented secret (they end up in responses and logs).
 */
export function callerFromGateway(headers: Headers, settings: TGatewaySettings): TGatewayResult {
  if (!headers.has(settings.secretHeader)) return { ok: false, reason: "requests must come through the SSO gateway (gateway secret missing)" };
  if (!secretMatches(headers.get(settings.secretHeader), settings.secret)) return { ok: false, reason: "requests must come through the SSO gateway (gateway secret rejected)" };
  const value = (name: string) => headers.get(name)?.trim() || undefined;
  const parsed = ZCaller.safeParse({
    userId: value(GATEWAY_HEADERS.userId),
    email: value(GATEWAY_HEADERS.email),
    orgId: value(GATEWAY_HEADERS.orgId),
    teamId: value(GATEWAY_HEADERS.teamId) ?? null,
    role: value(GATEWAY_HEADERS.role)?.toLowerCase(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const header = GATEWAY_HEADERS[issue.path[0] as keyof typeof GATEWAY_HEADERS] ?? "identity";
    return { ok: false, reason: `the gateway sent no valid ${header} header (${header === GATEWAY_HEADERS.role ? "admin, member or viewer" : issue.message})` };
  }
  return { ok: true, caller: parsed.data };
}
