import { ZCaller, ZRole, type TCaller, type TRole } from "./caller";

// AUTH_MODE=nextauth: which claims of the provider's ID token make the caller. Pure, so it is unit-tested alone.

export type TClaimMapping = { orgClaim: string; teamClaim: string; roleClaim: string; defaultOrg?: string; defaultRole: TRole };

const STRENGTH: TRole[] = ["viewer", "member", "admin"];

/** `a.b.c` reads nested claims (e.g. Keycloak's realm_access.roles). */
function claim(claims: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), claims);
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : typeof value === "number" ? String(value) : undefined);

/** A role claim may be one value or a list (groups, roles): the strongest known role wins. */
function roleOf(value: unknown): TRole | undefined {
  const values = (Array.isArray(value) ? value : [value]).map((v) => text(v)?.toLowerCase());
  const roles = values.filter((v): v is TRole => ZRole.safeParse(v).success);
  return roles.sort((a, b) => STRENGTH.indexOf(b) - STRENGTH.indexOf(a))[0];
}

/** The caller for a signed-in user, or a reason to refuse the sign-in (no org and no AUTH_DEFAULT_ORG). */
export function callerFromClaims(claims: Record<string, unknown>, mapping: TClaimMapping): { ok: true; caller: TCaller } | { ok: false; reason: string } {
  const orgId = text(claim(claims, mapping.orgClaim)) ?? mapping.defaultOrg;
  if (!orgId) return { ok: false, reason: `the identity provider sent no "${mapping.orgClaim}" claim and AUTH_DEFAULT_ORG is not set` };
  const parsed = ZCaller.safeParse({
    userId: text(claims.sub),
    email: text(claims.email),
    orgId,
    teamId: text(claim(claims, mapping.teamClaim)) ?? null,
    role: roleOf(claim(claims, mapping.roleClaim)) ?? mapping.defaultRole,
  });
  if (!parsed.success) return { ok: false, reason: `the identity provider's claims do not make a user: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}` };
  return { ok: true, caller: parsed.data };
}

/** The caller kept in next-auth's session token (written by the jwt callback at sign-in). */
export function callerFromSessionToken(token: Record<string, unknown> | null): TCaller | null {
  const parsed = ZCaller.safeParse(token?.caller);
  return parsed.success ? parsed.data : null;
}
