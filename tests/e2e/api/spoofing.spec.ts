import { createHash, createHmac, randomUUID } from "node:crypto";
import { newGatewayOrg } from "../../helpers/gateway";
import { seedTask } from "../../helpers/seed-rows";
import { call, expect, test } from "./fixtures";

// AUTH_MODE=sso: X-User-* headers are believed only next to the gateway's shared secret. A browser (or a script)
// that sends them itself, with no secret or a wrong one, is refused; so is a hand-made internal caller header.

const org = newGatewayOrg("spoof");
const victim = newGatewayOrg("victim");
const WRONG = ["", "wrong", "0".repeat(64), "x".repeat(65)];

test("identity headers without the gateway secret, or with a wrong one, get 401 on every surface", async ({ sso }) => {
  const paths = ["/api/v1/tasks", "/api/trpc/tasks.list?input=%7B%22json%22%3A%7B%7D%7D", `/api/v1/logs/${randomUUID()}/stream`, `/api/v1/tasks/${randomUUID()}/bundle`];
  for (const path of paths) {
    for (const secret of [null, ...WRONG]) {
      const reply = await call(sso, org.admin, "GET", path, { secret });
      expect(reply.status, `${path} with ${secret === null ? "no" : "a wrong"} secret`).toBe(401);
      expect(reply.json.error).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/gateway/) });
    }
  }
  // The right secret in another header does not count.
  expect((await call(sso, org.admin, "GET", "/api/v1/tasks", { secret: null, headers: { authorization: `Bearer ${sso.secret}`, "x-gateway-token": sso.secret } })).status).toBe(401);
  // Pages too: a 401 page, not the dashboard.
  const page = await call(sso, org.admin, "GET", "/", { secret: "wrong" });
  expect(page.status).toBe(401);
  expect(page.text).not.toContain("Memory-Break</a>");
});

test("a forged internal caller header is ignored, with or without the secret", async ({ sso, db }) => {
  const target = await seedTask(db, { orgId: victim.orgId, userId: victim.admin.userId });
  // What a forger would try: our header format, signed with a guessed key.
  const payload = Buffer.from(JSON.stringify({ ...victim.admin, exp: Date.now() + 60_000 })).toString("base64url");
  const guessedKey = createHash("sha256").update("memory-break caller header v1\0guess").digest();
  const forged = `v1.${payload}.${createHmac("sha256", guessedKey).update(payload).digest("base64url")}`;

  const anonymous = await call(sso, null, "GET", `/api/v1/tasks/${target.id}`, { secret: null, headers: { "x-mb-caller": forged } });
  expect(anonymous.status).toBe(401);
  // Through the gateway as org's viewer, the forged header does not turn into the victim's admin.
  const viaGateway = await call(sso, org.viewer, "GET", `/api/v1/tasks/${target.id}`, { headers: { "x-mb-caller": forged } });
  expect(viaGateway.status).toBe(404);
});

test("the gateway must name a user, an org and a known role", async ({ sso }) => {
  for (const [header, value] of [["x-user-id", ""], ["x-org-id", ""], ["x-user-role", "superuser"]] as const) {
    const reply = await call(sso, org.admin, "GET", "/api/v1/tasks", { headers: { [header]: value } });
    expect(reply.status, header).toBe(401);
    expect(reply.json.error.message).toContain(header);
  }
});

test("public endpoints answer without identity", async ({ sso }) => {
  expect((await call(sso, null, "GET", "/api/health", { secret: null })).status).toBe(200);
  expect((await call(sso, null, "GET", "/api/metrics", { secret: null })).status).toBe(200);
  expect((await call(sso, null, "GET", "/api/v1/openapi.json", { secret: null })).status).toBe(200);
  const docs = await call(sso, null, "GET", "/docs", { secret: null });
  expect(docs.status).toBe(200);
  expect(docs.text).toContain("Memory-Break API");
});

test("the gateway secret, right or wrong, never appears in the server's logs", async ({ sso }) => {
  // Provoke logging on every path: a refused request, a 404, a 400 and a successful one.
  await call(sso, org.admin, "GET", "/api/v1/tasks", { secret: `${sso.secret}-tampered` });
  await call(sso, org.admin, "GET", `/api/v1/tasks/${randomUUID()}`);
  await call(sso, org.admin, "POST", "/api/v1/tasks", { body: { nonsense: true } });
  await call(sso, org.member, "POST", "/api/v1/jobs/system.noop", { body: { params: {} } });
  const logs = sso.output();
  expect(logs.length).toBeGreaterThan(0); // LOG_LEVEL=debug: the server did log
  expect(logs).not.toContain(sso.secret);
  expect(logs).not.toContain(sso.secret.slice(0, 16));
});
