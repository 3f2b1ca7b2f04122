import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayHeaders, newGatewayOrg, newGatewaySecret } from "../helpers/gateway";
import { startNextServer, type TNextServer } from "../helpers/next-server";

// The production web server (scripts/web-server.ts) answers /api/v1 operations itself, before Next's router
// (server/rest/rest-dispatch.ts). Two servers on one database, one with that path and one with API_FAST_PATH=0
// (everything through Next and proxy.ts), must give the same answers: statuses, bodies, and the headers a client
// relies on, for successes and for every kind of refusal.

const secret = newGatewaySecret();
const org = newGatewayOrg("websrv");
const member = gatewayHeaders(org.member, secret);
const viewer = gatewayHeaders(org.viewer, secret);
let fast: TNextServer;
let viaNext: TNextServer;
let taskId: string;

const TASK = { source: { kind: "git", repository: "https://git.example.com/acme/websrv.git", baseRef: "main", headRef: "feature" }, agents: ["sim-strong"] };
const COMPARED_HEADERS = ["content-type", "cache-control", "location", "link", "retry-after", "x-content-type-options", "x-frame-options", "content-security-policy", "referrer-policy"];

type TAnswer = { status: number; headers: Record<string, string | null>; body: unknown; requestId: string | null };

async function ask(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<TAnswer> {
  const response = await fetch(`${base}${path}`, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  // The request id differs per request; it is checked separately.
  if (parsed && typeof parsed === "object" && "error" in parsed) delete (parsed as { error: { requestId?: string } }).error.requestId;
  return { status: response.status, headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])), body: parsed, requestId: response.headers.get("x-request-id") };
}

async function bothAnswer(method: string, path: string, headers: Record<string, string>, body?: string): Promise<TAnswer> {
  const [a, b] = [await ask(fast.url, method, path, headers, body), await ask(viaNext.url, method, path, headers, body)];
  expect(a.requestId, `${method} ${path}: request id`).toMatch(/^[\w.:-]{8,}$/);
  expect(b.requestId).toMatch(/^[\w.:-]{8,}$/);
  expect({ status: a.status, headers: a.headers, body: a.body }, `${method} ${path}`).toEqual({ status: b.status, headers: b.headers, body: b.body });
  return a;
}

describe("scripts/web-server.ts: /api/v1 answered before Next's router", () => {
  beforeAll(async () => {
    const env = { AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: secret };
    [fast, viaNext] = await Promise.all([startNextServer(env), startNextServer({ ...env, API_FAST_PATH: "0" })]);
    const created = await fetch(`${fast.url}/api/v1/tasks`, { method: "POST", headers: { ...member, "content-type": "application/json" }, body: JSON.stringify(TASK) });
    expect(created.status).toBe(201);
    taskId = ((await created.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([fast?.stop(), viaNext?.stop()]);
  });

  it("answers reads the same as through Next, with the same headers", async () => {
    const me = await bothAnswer("GET", "/api/v1/me", member);
    expect(me.body).toMatchObject({ userId: org.member.userId, orgId: org.orgId, role: "member" });
    const detail = await bothAnswer("GET", `/api/v1/tasks/${taskId}`, member);
    expect(detail.body).toMatchObject({ id: taskId, status: "queued" });
    const list = await bothAnswer("GET", "/api/v1/tasks?limit=1", member);
    expect((list.body as { items: { id: string }[] }).items.map((t) => t.id)).toEqual([taskId]);
    await bothAnswer("GET", "/api/v1/tasks/" + taskId + "/agents", member);
    await bothAnswer("GET", "/api/v1/leaderboard", member);
    // The security headers of proxy.ts are on the fast path's answers too.
    expect(me.headers["x-frame-options"]).toBe("DENY");
  });

  it("refuses the same way: status, code, message and field", async () => {
    const cases: [string, string, Record<string, string>, string?][] = [
      ["GET", "/api/v1/tasks/not-a-uuid", member],
      ["GET", "/api/v1/tasks/00000000-0000-4000-8000-000000000000", member],
      ["GET", "/api/v1/tasks?debug=1", member],
      ["GET", "/api/v1/tasks?limit=abc", member],
      ["GET", "/api/v1/tasks/..%2F..%2Fetc%2Fpasswd", member],
      ["GET", "/api/v1/me", {}],
      ["GET", "/api/v1/me", gatewayHeaders(org.member, "wrong-secret-wrong-secret-wrong-secret")],
      ["GET", "/api/v1/me", gatewayHeaders(org.member, null)],
      ["POST", "/api/v1/tasks", { ...member, "content-type": "application/json" }, "{not json"],
      ["POST", "/api/v1/tasks", { ...member, "content-type": "application/json" }, JSON.stringify({ ...TASK, extra: 1 })],
      ["POST", "/api/v1/tasks", { ...member, "content-type": "text/plain" }, JSON.stringify(TASK)],
      ["POST", "/api/v1/tasks", { ...member, "content-type": "application/json" }, JSON.stringify({ ...TASK, title: "x".repeat(2 * 1024 * 1024) })],
      ["POST", "/api/v1/tasks", { ...viewer, "content-type": "application/json" }, JSON.stringify(TASK)],
      ["POST", `/api/v1/tasks/${taskId}/cancel`, viewer],
      ["DELETE", "/api/v1/tasks", member],
      ["GET", "/api/v1/no-such-endpoint", member],
    ];
    const statuses: number[] = [];
    for (const [method, path, headers, body] of cases) statuses.push((await bothAnswer(method, path, headers, body)).status);
    expect(statuses).toEqual([400, 404, 400, 400, 400, 401, 401, 401, 400, 400, 400, 413, 403, 403, 405, 404]);
  });

  it("keeps a well-formed request id from the gateway, and the gateway's secret never reaches the output", async () => {
    const response = await fetch(`${fast.url}/api/v1/me`, { headers: { ...member, "x-request-id": "gw-req-12345678" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("gw-req-12345678");
    expect(fast.output()).not.toContain(secret);
  });
});
