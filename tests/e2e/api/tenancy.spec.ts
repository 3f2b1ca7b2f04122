import { newGatewayOrg } from "../../helpers/gateway";
import { countRows, seedTask, taskStatus } from "../../helpers/seed-rows";
import { call, expect, test, trpc } from "./fixtures";

// DESIGN section 6: every read and write is scoped to the caller's org on every surface, and roles decide who may
// act. Another org's resources answer 404 (never 403, never data), through REST, tRPC, SSE and downloads alike.

const orgA = newGatewayOrg("tenant-a");
const orgB = newGatewayOrg("tenant-b");
let taskA: { id: string; runIds: string[] };
let taskB: { id: string; runIds: string[] };
let jobA: string;
let jobB: string;

test.beforeAll(async ({ sso, db }) => {
  taskA = await seedTask(db, { orgId: orgA.orgId, userId: orgA.member.userId, agents: ["sim-strong", "sim-weak"] });
  taskB = await seedTask(db, { orgId: orgB.orgId, userId: orgB.admin.userId });
  // Queued for an hour: stays cancellable for the whole test.
  const submit = (user: typeof orgA.member) => call(sso, user, "POST", "/api/v1/jobs/system.sleep", { body: { params: { seconds: 1 }, startAfterSeconds: 3600 } });
  jobA = (await submit(orgA.member)).json.id;
  jobB = (await submit(orgB.admin)).json.id;
  expect(jobA).toBeTruthy();
  expect(jobB).toBeTruthy();
});

test("org A's admin gets 404 for org B's task, runs, logs, bundle and jobs through REST", async ({ sso }) => {
  const t = `/api/v1/tasks/${taskB.id}`;
  const reads = [t, `${t}/agents`, `${t}/agents/sim-strong`, `${t}/leaderboard`, `${t}/comparison`, `${t}/bundle`, `${t}/evaluation.jsonl`, `/api/v1/logs/${taskB.id}/stream`, `/api/v1/jobs/${jobB}`];
  for (const path of reads) {
    const reply = await call(sso, orgA.admin, "GET", path);
    expect(reply.status, path).toBe(404);
    expect(reply.json.error.code, path).toBe("NOT_FOUND");
    expect(reply.text, path).not.toContain(orgB.orgId);
  }
  const writes: [string, string][] = [["POST", `${t}/cancel`], ["POST", `${t}/retry`], ["DELETE", `/api/v1/jobs/${jobB}`], ["POST", `/api/v1/jobs/${jobB}/retry`]];
  for (const [method, path] of writes) expect((await call(sso, orgA.admin, method, path)).status, `${method} ${path}`).toBe(404);

  const tasks = await call(sso, orgA.admin, "GET", "/api/v1/tasks?limit=200");
  expect(tasks.json.items.map((i: { id: string }) => i.id)).toContain(taskA.id);
  expect(tasks.json.items.map((i: { id: string }) => i.id)).not.toContain(taskB.id);
  const jobs = await call(sso, orgA.admin, "GET", "/api/v1/jobs?limit=200");
  expect(jobs.json.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([jobA]));
  expect(jobs.json.items.map((i: { id: string }) => i.id)).not.toContain(jobB);
});

test("org A's admin gets 404 for org B's task, runs, logs and jobs through tRPC", async ({ sso }) => {
  const cases: [kind: "query" | "mutation", path: string, input: unknown][] = [
    ["query", "tasks.get", { id: taskB.id }],
    ["query", "runs.get", { id: taskB.runIds[0] }],
    ["query", "tasks.logs", { id: taskB.id }],
    ["query", "jobs.get", { id: jobB }],
    ["mutation", "tasks.cancel", { id: taskB.id }],
    ["mutation", "jobs.cancel", { id: jobB }],
  ];
  for (const [kind, path, input] of cases) {
    const reply = await trpc(sso, orgA.admin, kind, path, input);
    expect(reply.status, path).toBe(404);
    expect(reply.json.error.json.data.code, path).toBe("NOT_FOUND");
  }
  // The org's own data is there: the 404s above are about the org, not broken routes.
  expect((await trpc(sso, orgA.admin, "query", "tasks.get", { id: taskA.id })).status).toBe(200);
  expect((await trpc(sso, orgA.admin, "query", "runs.get", { id: taskA.runIds[0] })).status).toBe(200);
});

test("a viewer can read but not submit or cancel, and nothing is created", async ({ sso, db }) => {
  const before = { tasks: await countRows(db, "Task", orgA.orgId), jobs: await countRows(db, "Job", orgA.orgId) };
  expect((await call(sso, orgA.viewer, "GET", `/api/v1/tasks/${taskA.id}`)).status).toBe(200);
  const attempts: [string, string, unknown?][] = [
    ["POST", "/api/v1/tasks", { source: { kind: "git", repository: "file:///tmp/x.git", baseRef: "main", headRef: "f" }, agents: ["sim-strong"] }],
    ["POST", "/api/v1/jobs/system.noop", {}],
    ["POST", `/api/v1/tasks/${taskA.id}/cancel`],
    ["DELETE", `/api/v1/jobs/${jobA}`],
  ];
  for (const [method, path, body] of attempts) {
    const reply = await call(sso, orgA.viewer, method, path, { body });
    expect(reply.status, `${method} ${path}`).toBe(403);
    expect(reply.json.error.code).toBe("FORBIDDEN");
  }
  expect((await trpc(sso, orgA.viewer, "mutation", "tasks.create", attempts[0]![2])).status).toBe(403);
  expect({ tasks: await countRows(db, "Task", orgA.orgId), jobs: await countRows(db, "Job", orgA.orgId) }).toEqual(before);
  expect(await taskStatus(db, taskA.id)).toBe("running");
});

test("a member cannot cancel another member's task or job; an admin can", async ({ sso, db }) => {
  for (const [method, path] of [["POST", `/api/v1/tasks/${taskA.id}/cancel`], ["DELETE", `/api/v1/jobs/${jobA}`]] as const) {
    const reply = await call(sso, orgA.otherMember, method, path);
    expect(reply.status, path).toBe(403);
    expect(reply.json.error.message).toMatch(/your own/);
  }
  expect(await taskStatus(db, taskA.id)).toBe("running");

  const cancelled = await call(sso, orgA.admin, "POST", `/api/v1/tasks/${taskA.id}/cancel`);
  expect(cancelled.status).toBe(200);
  expect(await taskStatus(db, taskA.id)).toBe("cancelled");
  expect((await call(sso, orgA.admin, "POST", `/api/v1/tasks/${taskA.id}/cancel`)).status).toBe(409);

  const job = await call(sso, orgA.admin, "DELETE", `/api/v1/jobs/${jobA}`);
  expect(job.status).toBe(200);
  expect(job.json).toEqual({ id: jobA, status: "cancelled" });
});

test("a member may cancel their own job", async ({ sso }) => {
  const created = await call(sso, orgA.member, "POST", "/api/v1/jobs/system.sleep", { body: { params: { seconds: 1 }, startAfterSeconds: 3600 } });
  expect(created.status).toBe(201);
  expect(created.headers.get("location")).toBe(`/api/v1/jobs/${created.json.id}`);
  expect((await call(sso, orgA.member, "DELETE", `/api/v1/jobs/${created.json.id}`)).status).toBe(200);
});

test("users and orgs seen through the gateway are recorded with first and last seen", async ({ sso, db }) => {
  const org = newGatewayOrg("seen");
  expect((await call(sso, org.viewer, "GET", "/api/v1/tasks")).status).toBe(200);
  await expect
    .poll(async () => (await db.pool.query(`SELECT role::text, "teamId" FROM "OrgMember" WHERE "orgId" = $1 AND "userId" = $2`, [org.orgId, org.viewer.userId])).rows)
    .toEqual([{ role: "viewer", teamId: "team-1" }]);
  const { rows } = await db.pool.query(`SELECT u.email, o."firstSeenAt" <= o."lastSeenAt" AS ordered FROM "User" u, "Org" o WHERE u.id = $1 AND o.id = $2`, [
    org.viewer.userId,
    org.orgId,
  ]);
  expect(rows).toEqual([{ email: org.viewer.email, ordered: true }]);
});
