import { newGatewayOrg } from "../../helpers/gateway";
import { countRows, seedTask } from "../../helpers/seed-rows";
import { call, expect, test, trpc } from "./fixtures";

// Hostile and clumsy input, table-driven: a clear 4xx naming the field, nothing created, the server still up.
// (openapi-contract.spec.ts generates the per-operation cases; these are the ones a document cannot suggest.)

const org = newGatewayOrg("bad-input");
const SQL = [`' OR '1'='1`, `1; DROP TABLE "Task"; --`, `%' UNION SELECT * FROM "User" --`];
const TRAVERSAL = ["../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd\u0000"];
const validTask = { source: { kind: "git", repository: "file:///nonexistent/repo.git", baseRef: "main", headRef: "feature" }, agents: ["sim-strong"] };

test.beforeAll(async ({ db }) => {
  await seedTask(db, { orgId: org.orgId, userId: org.admin.userId });
});

test("SQL-like and path-traversal text in filters is just text: no error, no other org's rows", async ({ sso }) => {
  for (const value of [...SQL, ...TRAVERSAL.filter((v) => !v.includes("\u0000"))]) {
    for (const param of ["text", "repository"]) {
      const reply = await call(sso, org.admin, "GET", `/api/v1/tasks?${param}=${encodeURIComponent(value)}`);
      expect(reply.status, `${param}=${value}`).toBe(200);
      expect(reply.json.items, `${param}=${value}`).toEqual([]);
    }
    expect((await call(sso, org.admin, "GET", `/api/v1/jobs?text=${encodeURIComponent(value)}`)).json.items).toEqual([]);
  }
  // The seeded task is still found by an honest filter: the filters above matched nothing rather than failing.
  expect((await call(sso, org.admin, "GET", "/api/v1/tasks?text=seeded")).json.items).toHaveLength(1);
});

test("SQL-like and path-traversal ids and constrained filters are 400s naming the field", async ({ sso }) => {
  const cases: [path: string, field: string][] = [
    ...[...SQL, ...TRAVERSAL].map((v): [string, string] => [`/api/v1/tasks/${encodeURIComponent(v)}`, "id"]),
    ...SQL.map((v): [string, string] => [`/api/v1/jobs/${encodeURIComponent(v)}/retry`, "id"]),
    ...SQL.map((v): [string, string] => [`/api/v1/tasks?agent=${encodeURIComponent(v)}`, "agent"]),
    ...SQL.map((v): [string, string] => [`/api/v1/tasks?cursor=${encodeURIComponent(v)}`, "cursor"]),
    ...SQL.map((v): [string, string] => [`/api/v1/jobs?queue=${encodeURIComponent(v)}`, "queue"]),
    ...SQL.map((v): [string, string] => [`/api/v1/leaderboard?from=${encodeURIComponent(v)}`, "from"]),
    [`/api/v1/tasks?limit=-1`, "limit"],
    [`/api/v1/tasks?limit=1e9`, "limit"],
    [`/api/v1/tasks?status=running,../../etc`, "status.1"],
    [`/api/v1/tasks?text=${encodeURIComponent("/etc/passwd\u0000")}`, "text"],
  ];
  for (const [path, field] of cases) {
    const method = path.includes("/retry") ? "POST" : "GET";
    const reply = await call(sso, org.admin, method, path);
    expect(reply.status, path).toBe(400);
    expect(reply.json.error, path).toMatchObject({ code: "INVALID_INPUT", field, requestId: expect.any(String) });
  }
});

test("malformed, mistyped, unknown, oversized and non-JSON bodies are rejected and nothing is created", async ({ sso, db }) => {
  const before = await countRows(db, "Task", org.orgId);
  const json = { "content-type": "application/json" };
  const cases: [name: string, options: Parameters<typeof call>[4], status: number, field: string][] = [
    ["truncated JSON", { rawBody: '{"source": {"kind": "git"', headers: json }, 400, "body"],
    ["not JSON at all", { rawBody: "source=x&agents=sim-strong", headers: json }, 400, "body"],
    ["form-encoded", { rawBody: "source=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, 400, "body"],
    ["text/plain JSON (a cross-site form could send it)", { rawBody: JSON.stringify(validTask), headers: { "content-type": "text/plain" } }, 400, "body"],
    ["a JSON array", { body: [validTask] }, 400, "input"],
    ["JSON null", { rawBody: "null", headers: json }, 400, "input"],
    ["no body", {}, 400, "body"],
    ["agents as a string", { body: { ...validTask, agents: "sim-strong" } }, 400, "agents"],
    ["maxFiles as text", { body: { ...validTask, maxFiles: "10" } }, 400, "maxFiles"],
    ["trials out of range", { body: { ...validTask, trials: 1000 } }, 400, "trials"],
    ["an unknown field", { body: { ...validTask, isAdmin: true } }, 400, "isAdmin"],
    ["an unknown nested field", { body: { ...validTask, source: { ...validTask.source, token: "x" } } }, 400, "source.token"],
    ["a NUL character (PostgreSQL text cannot hold it)", { body: { ...validTask, title: "a\u0000b" } }, 400, "title"],
    ["a prototype-pollution key", { rawBody: `{"__proto__":{"role":"admin"},${JSON.stringify(validTask).slice(1)}`, headers: json }, 400, "__proto__"],
    ["a path-traversal repository", { body: { ...validTask, source: { ...validTask.source, repository: "../../../etc" } } }, 400, "source.repository"],
    ["an unknown agent", { body: { ...validTask, agents: ["'; DROP TABLE \"Task\"; --"] } }, 400, "agents.0"],
    ["2 MiB body", { rawBody: JSON.stringify({ ...validTask, title: "x".repeat(2 * 1024 * 1024) }), headers: json }, 413, "body"],
  ];
  for (const [name, options, status, field] of cases) {
    const reply = await call(sso, org.member, "POST", "/api/v1/tasks", options);
    expect(reply.status, `${name}: ${reply.text.slice(0, 200)}`).toBe(status);
    expect(reply.json.error, name).toMatchObject({ field, requestId: expect.any(String) });
  }
  expect(await countRows(db, "Task", org.orgId)).toBe(before);
});

test("an oversized body without Content-Length (chunked) is cut off at the limit", async ({ sso }) => {
  const chunk = new TextEncoder().encode(`"${"y".repeat(64 * 1024)}",`);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"title": ['));
      if (sent > 4 * 1024 * 1024) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const response = await fetch(`${sso.url}/api/v1/tasks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-gateway-secret": sso.secret, "x-user-id": org.member.userId, "x-org-id": org.orgId, "x-user-role": "member" },
    body,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
});

test("tRPC rejects the same bad input with the same fields, and the server stays up", async ({ sso, db }) => {
  const before = await countRows(db, "Task", org.orgId);
  const cases: [input: unknown, field: string][] = [
    [{ ...validTask, agents: "sim-strong" }, "agents"],
    [{ ...validTask, source: { ...validTask.source, repository: SQL[1] } }, "source.repository"],
  ];
  for (const [input, field] of cases) {
    const reply = await trpc(sso, org.member, "mutation", "tasks.create", input);
    expect(reply.status).toBe(400);
    expect(reply.json.error.json.data.field).toBe(field);
  }
  const traversal = await trpc(sso, org.member, "query", "tasks.get", { id: TRAVERSAL[0] });
  expect(traversal.status).toBe(400);
  expect(await countRows(db, "Task", org.orgId)).toBe(before);
  const health = await call(sso, null, "GET", "/api/health", { secret: null });
  expect(health.status).toBe(200);
  expect(health.json.database.ok).toBe(true);
});
