import "server-only";
import { jsonDate, jsonDateOrNull } from "@/server/db/json-timestamps";
import { preparedQuery } from "@/server/db/pg-pool";
import { AppError } from "@/server/errors";
import type { TChangeFacts, TDimensionScore } from "../model";
import type { TRunStatus, TTaskStatus } from "./task-schema";

// The task detail is the hottest read of the API (GET /api/v1/tasks/{id}, the task page's polling). One SQL
// round trip over the plain pg pool, the runs, compressions and questions folded in as JSON: Prisma's include did
// four queries and cost about 1.5 ms of the web process's CPU per request (bench:api).
const TASK_DETAIL_SQL = `
  SELECT t.id::text, t.title, t.repository, t.agents, t.status::text AS status, t.trials, t."userId", t."errorMessage",
    t."createdAt", t."finishedAt", t."startedAt", t.source, t.dimensions, t.thresholds, t."maxFiles", t."maxTurns",
    t."contextTokenLimit", t.priority, t.seed, t.facts, t.summary, t."logSeq"::text AS "logSeq", t."orgId", t."teamId",
    t."updatedAt",
    coalesce((
      SELECT json_agg(json_build_object(
          'id', r.id, 'taskId', r."taskId", 'orgId', r."orgId", 'agentId', r."agentId", 'trial', r.trial, 'status', r.status,
          'phase', r.phase, 'sessionId', r."sessionId", 'turns', r.turns, 'inputTokens', r."inputTokens",
          'outputTokens', r."outputTokens", 'costUsd', r."costUsd", 'durationMs', r."durationMs", 'agentMs', r."agentMs",
          'overall', r.overall, 'passed', r.passed, 'scores', r.scores, 'breaking', r.breaking,
          'errorMessage', r."errorMessage", 'scoringError', r."scoringError", 'createdAt', r."createdAt",
          'startedAt', r."startedAt", 'finishedAt', r."finishedAt", 'updatedAt', r."updatedAt",
          'compressions', coalesce((
            SELECT json_agg(json_build_object('turn', c.turn, 'phase', c.phase, 'trigger', c.trigger,
                'tokensBefore', c."tokensBefore", 'tokensAfter', c."tokensAfter", 'source', c.source, 'at', c."createdAt")
              ORDER BY c.turn, c."createdAt")
            FROM "CompressionEvent" c WHERE c."runId" = r.id), '[]'))
        ORDER BY r."agentId", r.trial)
      FROM "AgentRun" r WHERE r."taskId" = t.id), '[]') AS runs,
    coalesce((
      SELECT json_agg(json_build_object('key', q.key, 'dimension', q.dimension, 'kind', q.kind, 'prompt', q.prompt,
          'groundTruth', q."groundTruth", 'relevantFiles', q."relevantFiles") ORDER BY q.position)
      FROM "Question" q WHERE q."taskId" = t.id), '[]') AS questions
  FROM "Task" t
  WHERE t.id = $1::uuid AND t."orgId" = $2`;

type TJsonRun = {
  id: string;
  taskId: string;
  orgId: string;
  agentId: string;
  trial: number;
  status: TRunStatus;
  phase: string | null;
  sessionId: string | null;
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  durationMs: number | null;
  agentMs: number | null;
  overall: number | null;
  passed: boolean | null;
  scores: TDimensionScore[] | null;
  breaking: { dimension: string; reason: string }[] | null;
  errorMessage: string | null;
  scoringError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  compressions: { turn: number; phase: string; trigger: string; tokensBefore: number | null; tokensAfter: number | null; source: string; at: string }[];
};

type TTaskRow = {
  id: string;
  orgId: string;
  teamId: string | null;
  userId: string;
  title: string | null;
  repository: string;
  agents: string[];
  status: TTaskStatus;
  trials: number;
  errorMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  source: unknown;
  dimensions: string[];
  thresholds: Record<string, number>;
  maxFiles: number;
  maxTurns: number;
  contextTokenLimit: number;
  priority: number;
  seed: number;
  facts: TChangeFacts | null;
  summary: unknown;
  logSeq: string;
  runs: TJsonRun[];
  questions: { key: string; dimension: string; kind: string; prompt: string; groundTruth: unknown; relevantFiles: string[] }[];
};

/** One task with its runs (scores, phases, compressions) and question set; another org's task is NOT_FOUND. */
export async function getTask(orgId: string, taskId: string) {
  const { rows } = await preparedQuery<TTaskRow>(TASK_DETAIL_SQL, [taskId, orgId]);
  const task = rows[0];
  if (!task) throw new AppError("NOT_FOUND", "task not found");
  return {
    ...task,
    runs: task.runs.map((run) => ({
      ...run,
      createdAt: jsonDate(run.createdAt),
      startedAt: jsonDateOrNull(run.startedAt),
      finishedAt: jsonDateOrNull(run.finishedAt),
      updatedAt: jsonDate(run.updatedAt),
      compressions: run.compressions.map((c) => ({ ...c, at: jsonDate(c.at) })),
    })),
  };
}
export type TTaskDetail = Awaited<ReturnType<typeof getTask>>;
