import { Readable } from "node:stream";
import { env } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { evaluationJsonl } from "@/server/evaluation/bundle/evaluation-jsonl";
import { openTaskBundle } from "@/server/evaluation/bundle/task-bundle";
import { ZCreateTaskInput, ZListTasksInput, ZRetryTaskInput } from "@/server/evaluation/tasks/task-schema";
import { ZCompareAgentsOutput, ZGetLeaderboardOutput } from "@/server/trpc/routers/leaderboard/leaderboard.schema";
import { ZCancelTaskOutput } from "@/server/trpc/routers/tasks/cancel-task.schema";
import { ZCreateTaskOutput } from "@/server/trpc/routers/tasks/create-task.schema";
import { ZGetTaskOutput } from "@/server/trpc/routers/tasks/get-task.schema";
import { ZListTasksOutput } from "@/server/trpc/routers/tasks/list-tasks.schema";
import { ZRetryTaskOutput } from "@/server/trpc/routers/tasks/retry-task.schema";
import type { z } from "zod";
import { defineRoute, type TRestRouteDef, type TShape } from "../define-route";
import { ZComparisonQuery, ZTaskAgentOutput, ZTaskAgentPathParams, ZTaskAgentsOutput, ZTaskPathParams } from "../schemas";

const tag = "Tasks";
const TASK = "/api/v1/tasks/{id}";

/** A read of one task (GET, the task id in the path): 404 for an unknown task or another org's. */
function taskRead<Q extends TShape>(def: Omit<TRestRouteDef<typeof ZTaskPathParams, Q, z.ZodType>, "method" | "tag" | "params" | "errors"> & { errors?: number[] }) {
  return defineRoute({ method: "GET", tag, params: ZTaskPathParams, ...def, errors: [404, ...(def.errors ?? [])] });
}

export const TASK_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/api/v1/tasks",
    operationId: "listTasks",
    summary: "List tasks, newest first",
    description: "Filters combine with AND. `status` takes a comma-separated list. Follow `nextCursor` (or the Link header) for the next page.",
    tag,
    query: ZListTasksInput,
    paginated: true,
    response: { status: 200, description: "One page of tasks", schema: ZListTasksOutput },
    errors: [403],
    handle: ({ query }, { api }) => api.tasks.list(query),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/tasks",
    operationId: "createTask",
    summary: "Submit an evaluation task",
    description: "Creates the task and queues its prepare job in one transaction. Members and admins only.",
    tag,
    body: ZCreateTaskInput,
    bodyRequired: true,
    bodyExample: {
      title: "Retry policy change",
      source: { kind: "git", repository: "https://github.com/acme/payments.git", baseRef: "main", headRef: "feature/retry" },
      agents: ["sim-strong", "sim-weak"],
    },
    response: { status: 201, description: "Created; Location points at the task", schema: ZCreateTaskOutput },
    location: ({ id }) => `/api/v1/tasks/${id}`,
    errors: [403],
    handle: ({ body }, { api }) => api.tasks.create(body),
  }),
  taskRead({
    path: TASK,
    operationId: "getTask",
    summary: "A task with its runs, scores and question set",
    response: { status: 200, description: "The task", schema: ZGetTaskOutput },
    handle: ({ params }, { api }) => api.tasks.get(params),
  }),
  defineRoute({
    method: "POST",
    path: `${TASK}/cancel`,
    operationId: "cancelTask",
    summary: "Cancel a task: its jobs stop and its agents are killed",
    description: "Members cancel their own tasks, admins any task of the org. 409 when the task is already finished.",
    tag,
    params: ZTaskPathParams,
    response: { status: 200, description: "Cancelled", schema: ZCancelTaskOutput },
    errors: [403, 404, 409],
    handle: ({ params }, { api }) => api.tasks.cancel(params),
  }),
  defineRoute({
    method: "POST",
    path: `${TASK}/retry`,
    operationId: "retryTask",
    summary: "Retry a finished task's failed runs, or only some agents",
    tag,
    params: ZTaskPathParams,
    body: ZRetryTaskInput.omit({ id: true }),
    bodyExample: { agents: ["sim-weak"] },
    response: { status: 200, description: "What was queued again", schema: ZRetryTaskOutput },
    errors: [403, 404, 409],
    handle: ({ params, body }, { api }) => api.tasks.retry({ ...body, id: params.id }),
  }),
  taskRead({
    path: `${TASK}/agents`,
    operationId: "listTaskAgents",
    summary: "The task's runs grouped by agent",
    response: { status: 200, description: "Runs per agent", schema: ZTaskAgentsOutput },
    handle: async ({ params }, { api }) => {
      const task = await api.tasks.get(params);
      return { taskId: task.id, agents: task.agents.map((agentId) => ({ agentId, runs: task.runs.filter((r) => r.agentId === agentId) })) };
    },
  }),
  defineRoute({
    method: "GET",
    path: `${TASK}/agents/{agent}`,
    operationId: "getTaskAgent",
    summary: "One agent on a task: runs, answers, scores with rationale, breaking dimensions",
    tag,
    params: ZTaskAgentPathParams,
    response: { status: 200, description: "The agent's runs (every trial)", schema: ZTaskAgentOutput },
    errors: [404],
    handle: async ({ params }, { api }) => {
      const task = await api.tasks.get({ id: params.id });
      const runs = task.runs.filter((r) => r.agentId === params.agent);
      if (runs.length === 0) throw new AppError("NOT_FOUND", `agent ${params.agent} has no run on this task`, "agent");
      const details = await Promise.all(runs.map((r) => api.runs.get({ id: r.id })));
      return { taskId: task.id, agentId: params.agent, runs: details.map(({ transcript: _transcript, ...run }) => run) };
    },
  }),
  taskRead({
    path: `${TASK}/leaderboard`,
    operationId: "getTaskLeaderboard",
    summary: "The task's agents ranked by overall score",
    response: { status: 200, description: "Per-task leaderboard", schema: ZGetLeaderboardOutput },
    handle: async ({ params }, { api }) => {
      await api.tasks.get(params); // 404 for another org's task, rather than an empty board
      return api.leaderboard.get({ taskId: params.id });
    },
  }),
  taskRead({
    path: `${TASK}/comparison`,
    operationId: "getTaskComparison",
    summary: "Two agents of the task side by side (paired differences with a 95% interval)",
    query: ZComparisonQuery,
    response: { status: 200, description: "Comparison of agentA against agentB", schema: ZCompareAgentsOutput },
    errors: [409],
    handle: async ({ params, query }, { api }) => {
      const task = await api.tasks.get(params);
      const agentA = query.agentA ?? task.agents[0];
      const agentB = query.agentB ?? task.agents.find((a) => a !== agentA);
      if (!agentA || !agentB) throw new AppError("CONFLICT", "the task has a single agent: nothing to compare");
      return api.leaderboard.compare({ agentA, agentB, filter: { taskId: params.id } });
    },
  }),
  taskRead({
    path: `${TASK}/bundle`,
    operationId: "downloadTaskBundle",
    summary: "The task's ZIP bundle: task.json, questions, scores, transcripts, logs, evaluation.jsonl",
    response: { status: 200, description: "ZIP archive, streamed", contentType: "application/zip" },
    handle: async ({ params }, { caller }) => {
      const { stream, filename } = await openTaskBundle(caller.orgId, params.id, env().STORAGE_DIR);
      return new Response(Readable.toWeb(stream) as ReadableStream, {
        headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${filename}"` },
      });
    },
  }),
  taskRead({
    path: `${TASK}/evaluation.jsonl`,
    operationId: "downloadTaskEvaluation",
    summary: "One JSON line per run, question and phase: question, answer, score, judge, rationale",
    response: { status: 200, description: "JSON Lines", contentType: "application/x-ndjson" },
    handle: async ({ params }, { api }) => {
      const task = await api.tasks.get(params);
      const runs = await Promise.all(task.runs.map((r) => api.runs.get({ id: r.id })));
      const body = evaluationJsonl(runs.map((r) => ({ id: r.id, agentId: r.agentId, trial: r.trial, answers: r.answers })), task.questions);
      return new Response(body, {
        headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="evaluation-${task.id}.jsonl"` },
      });
    },
  }),
];
