import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { secretMatches } from "@/server/auth/constant-time";
import { callerFromGateway } from "@/server/auth/gateway-identity";
import { callerFromClaims } from "@/server/auth/oidc-claims";
import { noteCallerSeen, recordCaller } from "@/server/auth/record-seen";
import { callerSigningKey, signCaller, verifyCaller } from "@/server/auth/signed-caller";
import type { TCaller } from "@/server/auth/caller";
import { parseEnv } from "@/server/config/load-env";
import { db, disconnectDb } from "@/server/db/client";
import { waitFor } from "../helpers/wait-for";

// The pieces of server/auth/ on their own (the HTTP behaviour is in tests/e2e/api/*.spec.ts).

const SECRET = "s".repeat(40);
const gateway = { secret: SECRET, secretHeader: "x-gateway-secret" };
const headers = (extra: Record<string, string>) =>
  new Headers({ "x-user-id": "u1", "x-user-email": "u1@example.test", "x-org-id": "o1", "x-team-id": "t1", "x-user-role": "Member", ...extra });

afterAll(async () => {
  await disconnectDb();
});

describe("gateway headers", () => {
  it("are believed only with the shared secret", () => {
    expect(callerFromGateway(headers({ "x-gateway-secret": SECRET }), gateway)).toEqual({
      ok: true,
      caller: { userId: "u1", email: "u1@example.test", orgId: "o1", teamId: "t1", role: "member" },
    });
    expect(callerFromGateway(headers({}), gateway)).toMatchObject({ ok: false, reason: expect.stringMatching(/missing/) });
    for (const wrong of ["", SECRET.slice(1), `${SECRET}x`, SECRET.toUpperCase()]) {
      const result = callerFromGateway(headers({ "x-gateway-secret": wrong }), gateway);
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/rejected/) });
      if (!result.ok && wrong) expect(result.reason).not.toContain(wrong);
    }
  });

  it("compares secrets of any length without throwing", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches("x", SECRET)).toBe(false);
    expect(secretMatches(null, SECRET)).toBe(false);
  });

  it("name the header that is missing or wrong", () => {
    expect(callerFromGateway(headers({ "x-gateway-secret": SECRET, "x-org-id": "" }), gateway)).toMatchObject({ ok: false, reason: expect.stringContaining("x-org-id") });
    expect(callerFromGateway(headers({ "x-gateway-secret": SECRET, "x-user-role": "root" }), gateway)).toMatchObject({ ok: false, reason: expect.stringContaining("x-user-role") });
  });
});

describe("the signed caller header (proxy.ts → routes)", () => {
  const key = callerSigningKey(SECRET);
  const caller: TCaller = { userId: "u1", orgId: "o1", teamId: null, role: "admin" };

  it("round-trips, and refuses tampering, another key and expiry", () => {
    const value = signCaller(caller, key, 1_000);
    expect(verifyCaller(value, key, 2_000)).toEqual(caller);
    expect(verifyCaller(value, callerSigningKey(`${SECRET}-other`), 2_000)).toBeNull();
    expect(verifyCaller(value, key, 1_000 + 61_000)).toBeNull();
    const [v, payload, mac] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ ...caller, orgId: "o2", exp: 99_000 })).toString("base64url");
    expect(verifyCaller(`${v}.${forged}.${mac}`, key, 2_000)).toBeNull();
    expect(verifyCaller(`${v}.${payload}.${mac}x`, key, 2_000)).toBeNull();
    expect(verifyCaller("garbage", key)).toBeNull();
    expect(verifyCaller(null, key)).toBeNull();
  });
});

describe("OIDC claims → caller", () => {
  const mapping = { orgClaim: "org_id", teamClaim: "team_id", roleClaim: "realm.roles", defaultRole: "viewer" as const };

  it("reads nested claims and takes the strongest known role of a list", () => {
    expect(callerFromClaims({ sub: "s1", email: "a@b", org_id: "o1", team_id: 7, realm: { roles: ["offline", "member", "admin"] } }, mapping)).toEqual({
      ok: true,
      caller: { userId: "s1", email: "a@b", orgId: "o1", teamId: "7", role: "admin" },
    });
  });

  it("falls back to the default role, and to the default org only when configured", () => {
    expect(callerFromClaims({ sub: "s1", org_id: "o1" }, mapping)).toMatchObject({ ok: true, caller: { role: "viewer", teamId: null } });
    expect(callerFromClaims({ sub: "s1" }, mapping)).toMatchObject({ ok: false, reason: expect.stringContaining("AUTH_DEFAULT_ORG") });
    expect(callerFromClaims({ sub: "s1" }, { ...mapping, defaultOrg: "main" })).toMatchObject({ ok: true, caller: { orgId: "main" } });
  });
});

describe("identity configuration", () => {
  const base = { DATABASE_URL: "postgresql://u@localhost/db" };

  it("requires the gateway secret in sso mode without ever echoing it", () => {
    expect(() => parseEnv({ ...base, AUTH_MODE: "sso" })).toThrow(/AUTH_MODE=sso requires AUTH_GATEWAY_SECRET/);
    expect(() => parseEnv({ ...base, AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: "too-short-secret-value" })).toThrow(/at least 32/);
    expect(() => parseEnv({ ...base, AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: "too-short-secret-value" })).not.toThrow(/too-short-secret-value/);
    expect(parseEnv({ ...base, AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: SECRET, AUTH_GATEWAY_SECRET_HEADER: "X-Edge-Key" }).AUTH_GATEWAY_SECRET_HEADER).toBe("x-edge-key");
  });

  it("lists every missing nextauth setting at once", () => {
    expect(() => parseEnv({ ...base, AUTH_MODE: "nextauth" })).toThrow(/NEXTAUTH_URL[\s\S]*AUTH_OIDC_ISSUER[\s\S]*AUTH_OIDC_CLIENT_ID[\s\S]*AUTH_OIDC_CLIENT_SECRET[\s\S]*NEXTAUTH_SECRET/);
  });

  it("keeps AUTH_MODE=none refusable in production", () => {
    expect(parseEnv(base).ALLOW_INSECURE_AUTH_NONE).toBe(false);
    expect(parseEnv({ ...base, ALLOW_INSECURE_AUTH_NONE: "1" }).ALLOW_INSECURE_AUTH_NONE).toBe(true);
  });
});

describe("users and orgs seen", () => {
  it("records first and last seen, and keeps the first", async () => {
    const caller: TCaller = { userId: `u-${randomUUID()}`, email: "seen@example.test", orgId: `o-${randomUUID()}`, teamId: "t", role: "member" };
    await recordCaller(caller);
    const first = await db().orgMember.findUniqueOrThrow({ where: { orgId_userId: { orgId: caller.orgId, userId: caller.userId } } });
    await new Promise((r) => setTimeout(r, 20));
    await recordCaller({ ...caller, role: "admin" });
    const second = await db().orgMember.findUniqueOrThrow({ where: { orgId_userId: { orgId: caller.orgId, userId: caller.userId } } });
    expect(second.firstSeenAt).toEqual(first.firstSeenAt);
    expect(second.lastSeenAt.getTime()).toBeGreaterThan(first.lastSeenAt.getTime());
    expect(second.role).toBe("admin");
    expect(await db().user.findUnique({ where: { id: caller.userId } })).toMatchObject({ email: "seen@example.test" });
  });

  it("writes at most once a minute per user and org, in the background", async () => {
    const caller: TCaller = { userId: `u-${randomUUID()}`, orgId: `o-${randomUUID()}`, teamId: null, role: "viewer" };
    noteCallerSeen(caller, 1_000_000);
    await waitFor("the org row", async () => (await db().org.findUnique({ where: { id: caller.orgId } })) !== null);
    const seen = await db().org.findUniqueOrThrow({ where: { id: caller.orgId } });
    await db().org.update({ where: { id: caller.orgId }, data: { lastSeenAt: new Date(0) } });
    noteCallerSeen(caller, 1_000_000 + 30_000); // within the minute: no write
    await new Promise((r) => setTimeout(r, 200));
    expect((await db().org.findUniqueOrThrow({ where: { id: caller.orgId } })).lastSeenAt).toEqual(new Date(0));
    noteCallerSeen(caller, 1_000_000 + 61_000);
    await waitFor("the second write", async () => (await db().org.findUniqueOrThrow({ where: { id: caller.orgId } })).lastSeenAt.getTime() > 0);
    expect((await db().org.findUniqueOrThrow({ where: { id: caller.orgId } })).firstSeenAt).toEqual(seen.firstSeenAt);
  });
});
