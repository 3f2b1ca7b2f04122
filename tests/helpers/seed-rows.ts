import { randomUUID } from "node:crypto";
import pg from "pg";

// Rows written straight into the test database, for states the API cannot be asked to produce on demand
// (a task that stays "running", another org's data). Plain pg: Playwright specs cannot import server/ modules.

export type TSeedDb = { pool: pg.Pool; close(): Promise<void> };

export function seedDb(url = process.env.DATABASE_URL): TSeedDb {
  if (!url) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return { pool, close: () => pool.end() };
}

export type TSeedTask = { orgId: string; userId: string; status?: string; agents?: string[]; runStatus?: string };

/** A task with one run per agent (no jobs): enough for reads, permissions and cancel. */
export async function seedTask(db: TSeedDb, task: TSeedTask): Promise<{ id: string; runIds: string[] }> {
  const id = randomUUID();
  const agents = task.agents ?? ["sim-strong"];
  const source = { kind: "git", repository: "file:///nonexistent/seeded.git", baseRef: "main", headRef: "feature" };
  await db.pool.query(
    `INSERT INTO "Task" (id, "orgId", "teamId", "userId", title, source, repository, agents, dimensions, thresholds,
       "maxFiles", "maxTurns", "contextTokenLimit", trials, priority, seed, status)
     VALUES ($1, $2, 'team-1', $3, 'seeded', $4, 'seeded', $5, $6, $7, 10, 12, 12000, 1, 5, 1, $8::"TaskStatus")`,
    [id, task.orgId, task.userId, JSON.stringify(source), agents, ["AR"], JSON.stringify({ AR: 0.7 }), task.status ?? "running"],
  );
  const runIds: string[] = [];
  for (const agentId of agents) {
    const runId = randomUUID();
    runIds.push(runId);
    await db.pool.query(`INSERT INTO "AgentRun" (id, "taskId", "orgId", "agentId", trial, status) VALUES ($1, $2, $3, $4, 1, $5::"RunStatus")`, [
      runId,
      id,
      task.orgId,
      agentId,
      task.runStatus ?? "running",
    ]);
  }
  return { id, runIds };
}

export async function countRows(db: TSeedDb, table: "Task" | "Job", orgId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE "orgId" = $1`, [orgId]);
  return Number(rows[0]!.n);
}

export async function taskStatus(db: TSeedDb, id: string): Promise<string | undefined> {
  const { rows } = await db.pool.query<{ status: string }>(`SELECT status::text FROM "Task" WHERE id = $1`, [id]);
  return rows[0]?.status;
}
