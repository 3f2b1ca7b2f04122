import { randomUUID } from "node:crypto";
import type { TDb } from "@/server/db/create-prisma";

// Tasks and runs for log tests: only the columns a log stream reads matter; the rest are valid placeholders.

export async function createLogTask(db: TDb, orgId: string, status: "running" | "completed" = "running"): Promise<string> {
  const task = await db.task.create({
    data: {
      orgId, userId: `user-${orgId}`, source: { kind: "test" }, repository: "example/logs", agents: ["sim-strong"],
      dimensions: ["recall"], thresholds: {}, maxFiles: 1, maxTurns: 1, contextTokenLimit: 12_000, trials: 1, priority: 5, seed: 1,
      status, ...(status === "completed" ? { finishedAt: new Date(Date.now() - 60_000) } : {}),
    },
    select: { id: true },
  });
  return task.id;
}

export async function createLogRun(db: TDb, taskId: string, orgId: string): Promise<string> {
  const run = await db.agentRun.create({ data: { taskId, orgId, agentId: `sim-${randomUUID().slice(0, 6)}`, trial: 1 }, select: { id: true } });
  return run.id;
}
