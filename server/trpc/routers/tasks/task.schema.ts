import { z } from "zod";
import { ZRunStatus, ZTaskStatus } from "@/server/evaluation/tasks/task-schema";

// View models of tasks and runs as the dashboard and /api/v1 return them.
export const ZDimensionScoreView = z.object({
  dimension: z.string(),
  score: z.number(),
  baseline: z.number(),
  retention: z.number().nullable(),
  threshold: z.number(),
  passed: z.boolean(),
  reason: z.string().optional(),
});

export const ZCompressionView = z.object({
  turn: z.number().int(),
  phase: z.string(),
  trigger: z.string(),
  tokensBefore: z.number().int().nullable(),
  tokensAfter: z.number().int().nullable(),
  source: z.string(),
  at: z.date(),
});

export const ZRunView = z.object({
  id: z.string(),
  agentId: z.string(),
  trial: z.number().int(),
  status: ZRunStatus,
  phase: z.string().nullable(),
  sessionId: z.string().nullable(),
  turns: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  durationMs: z.number().int().nullable(),
  agentMs: z.number().int().nullable(),
  overall: z.number().nullable(),
  passed: z.boolean().nullable(),
  scores: z.array(ZDimensionScoreView).nullable(),
  breaking: z.array(z.object({ dimension: z.string(), reason: z.string() })).nullable(),
  errorMessage: z.string().nullable(),
  scoringError: z.string().nullable(),
  compressions: z.array(ZCompressionView),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

export const ZTaskListItemView = z.object({
  id: z.string(),
  title: z.string().nullable(),
  repository: z.string(),
  agents: z.array(z.string()),
  status: ZTaskStatus,
  trials: z.number().int(),
  userId: z.string(),
  errorMessage: z.string().nullable(),
  runs: z.object({ total: z.number().int(), completed: z.number().int(), failed: z.number().int(), open: z.number().int() }),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
});

export const ZTaskDetailView = ZTaskListItemView.omit({ runs: true }).extend({
  source: z.unknown(),
  dimensions: z.array(z.string()),
  thresholds: z.record(z.string(), z.number()),
  maxFiles: z.number().int(),
  maxTurns: z.number().int(),
  contextTokenLimit: z.number().int(),
  priority: z.number().int(),
  seed: z.number().int(),
  facts: z.unknown().nullable(),
  summary: z.unknown().nullable(),
  logSeq: z.string(),
  startedAt: z.date().nullable(),
  runs: z.array(ZRunView),
  questions: z.array(
    z.object({ key: z.string(), dimension: z.string(), kind: z.string(), prompt: z.string(), groundTruth: z.unknown(), relevantFiles: z.array(z.string()) }),
  ),
});
