import { randomUUID } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { makeRepo, type TMadeRepo } from "../../../server/evaluation/test-support/make-repo";
import { newGatewayOrg } from "../../helpers/gateway";
import { countRows } from "../../helpers/seed-rows";
import { call, expect, test, type TReply, type TSsoServer } from "./fixtures";
import { deref, fillPath, inline, makeAjv, operations, wrongTypeFor, type TCase, type TDoc, type TSchema } from "./openapi-cases";

// The OpenAPI document validates, and every operation in it answers as documented: cases are generated from the
// document (its operations, parameters, examples and response schemas), against a real task run by the worker.

const org = newGatewayOrg("contract");
const ajv = makeAjv();
let doc: TDoc;
let repo: TMadeRepo;
const ids: Record<string, string> = {};
let createdTask: TReply;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ sso }) => {
  test.setTimeout(180_000);
  repo = await makeRepo();
  doc = (await call(sso, null, "GET", "/api/v1/openapi.json", { secret: null })).json;
  // The document's own example body, pointed at a repository the worker can clone; small settings for speed.
  const example = doc.paths["/api/v1/tasks"]!.post!.requestBody!.content["application/json"]!.example as TSchema;
  const created = await call(sso, org.admin, "POST", "/api/v1/tasks", {
    body: { ...example, source: { ...example.source, repository: repo.fileUrl, headRef: repo.headRef, baseRef: repo.baseRef }, contextTokenLimit: 2000, maxFiles: 3, seed: 7 },
  });
  expect(created.status, created.text).toBe(201);
  ids.task = created.json.id;
  createdTask = created;
  const job = await call(sso, org.admin, "POST", "/api/v1/jobs/system.sleep", { body: { params: { seconds: 1 }, startAfterSeconds: 3600 } });
  ids.job = job.json.id;
  await expect
    .poll(async () => (await call(sso, org.admin, "GET", `/api/v1/tasks/${ids.task}`)).json.status, { timeout: 150_000, intervals: [500] })
    .toMatch(/completed|failed/);
});

test.afterAll(async () => {
  await repo?.cleanup();
});

test("the OpenAPI document is valid OpenAPI 3.1", async () => {
  const result = await new Validator().validate(doc as never);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/")).length).toBeGreaterThanOrEqual(20);
});

/** Path parameter values for an operation: the real task and job, or the document's example. */
function pathValues(c: TCase): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of c.op.parameters ?? []) {
    if (p.in !== "path") continue;
    values[p.name] = p.example ?? (p.name === "agent" ? "sim-strong" : p.name === "name" ? p.schema.enum[0] : c.path.startsWith("/api/v1/jobs") ? ids.job! : ids.task!);
  }
  return values;
}

const bodyOf = (c: TCase): unknown => c.op.requestBody?.content["application/json"]?.example;

/** The reply's status is documented, and its body matches that response's schema. */
function expectDocumented(c: TCase, reply: TReply): void {
  const label = `${c.method} ${c.path} → ${reply.status}: ${reply.text.slice(0, 300)}`;
  expect(Object.keys(c.op.responses), label).toContain(String(reply.status));
  const response = deref(doc, c.op.responses[String(reply.status)]!);
  expect(reply.headers.get("x-request-id"), label).toBeTruthy();
  const content = Object.entries((response.content ?? {}) as Record<string, TSchema>);
  if (content.length === 0) return;
  const received = (reply.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const [mediaType, media] = content.find(([type]) => type === received) ?? [];
  expect(mediaType, `${label}\ncontent-type ${received} is not one of ${content.map(([t]) => t).join(", ")}`).toBeDefined();
  if (mediaType === "application/json" && media?.schema) {
    const validate = ajv.compile(inline(doc, media.schema) as TSchema);
    expect(validate(reply.json) ? [] : validate.errors, label).toEqual([]);
  }
}

test("every operation answers its documented success (or documented state conflict) with a body of the documented shape", async ({ sso }) => {
  test.setTimeout(120_000);
  const cases = operations(doc);
  for (const c of cases) {
    // POST /api/v1/tasks ran in beforeAll, with the document's example pointed at a local repository.
    const reply = c.method === "POST" && c.path === "/api/v1/tasks" ? createdTask : await call(sso, org.admin, c.method, fillPath(c.path, pathValues(c)), { body: bodyOf(c) });
    expectDocumented(c, reply);
    const ok = reply.status < 400 || (reply.status === 409 && "409" in c.op.responses);
    expect(ok, `${c.method} ${c.path} → ${reply.status}: ${reply.text.slice(0, 300)}`).toBe(true);
  }
});

test("without an identity every protected operation answers its documented 401", async ({ sso }) => {
  for (const c of operations(doc).filter((c) => !(Array.isArray(c.op.security) && c.op.security.length === 0))) {
    const reply = await call(sso, null, c.method, fillPath(c.path, pathValues(c)), { secret: null });
    expect(reply.status, `${c.method} ${c.path}`).toBe(401);
    expectDocumented(c, reply);
  }
});

test("generated bad input answers the documented 4xx naming the field, and creates nothing", async ({ sso, db }) => {
  test.setTimeout(120_000);
  const before = { tasks: await countRows(db, "Task", org.orgId), jobs: await countRows(db, "Job", org.orgId) };
  let checked = 0;
  const expectError = async (c: TCase, reply: TReply, status: number, field?: string) => {
    const label = `${c.method} ${c.path} → ${reply.status}: ${reply.text.slice(0, 200)}`;
    expect(reply.status, label).toBe(status);
    expectDocumented(c, reply);
    // A list names its element ("status.0"), so the field is the parameter or a path inside it.
    if (field !== undefined) expect(reply.json.error.field, label).toMatch(new RegExp(`^${field}(\\.|$)`));
    checked++;
  };
  for (const c of operations(doc)) {
    if (c.path.startsWith("/api/health") || c.path.startsWith("/api/metrics") || c.path.endsWith("openapi.json")) continue;
    const values = pathValues(c);
    const path = fillPath(c.path, values);
    for (const p of c.op.parameters ?? []) {
      if (p.in === "path" && p.schema.format === "uuid") {
        await expectError(c, await call(sso, org.admin, c.method, fillPath(c.path, { ...values, [p.name]: randomUUID() })), 404);
        await expectError(c, await call(sso, org.admin, c.method, fillPath(c.path, { ...values, [p.name]: "../../etc/passwd" })), 400, p.name);
        await expectError(c, await call(sso, org.admin, c.method, fillPath(c.path, { ...values, [p.name]: "1' OR '1'='1" })), 400, p.name);
      }
      if (p.in === "query" && (p.schema.type === "integer" || p.schema.enum || p.schema.items?.enum)) {
        await expectError(c, await call(sso, org.admin, c.method, `${path}?${p.name}=${encodeURIComponent("1; DROP TABLE \"Task\"")}`), 400, p.name);
      }
    }
    await expectError(c, await call(sso, org.admin, c.method, `${path}?debug=1`), 400, "debug");
    const body = c.op.requestBody?.content["application/json"];
    if (body) {
      const example = (c.path === "/api/v1/tasks" ? { ...(body.example as TSchema), agents: ["sim-strong"] } : body.example) as TSchema;
      const send = (options: Parameters<typeof call>[4]) => call(sso, org.admin, c.method, path, options);
      await expectError(c, await send({ rawBody: '{"source": {', headers: { "content-type": "application/json" } }), 400, "body");
      await expectError(c, await send({ body: { ...example, zzz: 1 } }), 400, "zzz");
      await expectError(c, await send({ rawBody: JSON.stringify({ ...example, title: "x".repeat(2 * 1024 * 1024) }), headers: { "content-type": "application/json" } }), 413, "body");
      for (const [name, schema] of Object.entries((body.schema.properties ?? {}) as Record<string, TSchema>)) {
        await expectError(c, await send({ body: { ...example, [name]: wrongTypeFor(schema) } }), 400, name);
      }
    }
  }
  expect(checked).toBeGreaterThan(60);
  expect({ tasks: await countRows(db, "Task", org.orgId), jobs: await countRows(db, "Job", org.orgId) }).toEqual(before);
  expect((await call(sso, null, "GET", "/api/health", { secret: null })).status).toBe(200);
});
