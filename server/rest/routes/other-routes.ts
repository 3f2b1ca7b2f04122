import { ZCaller } from "@/server/auth/caller";
import { toCsv, toJson } from "@/server/evaluation/leaderboard/export-leaderboard";
import type { TLeaderboard } from "@/server/evaluation/leaderboard/build-leaderboard";
import { ZQueueNameInput } from "@/server/jobs/schema";
import { ZListAgentsOutput } from "@/server/trpc/routers/agents/list-agents.schema";
import { ZGetLeaderboardOutput } from "@/server/trpc/routers/leaderboard/leaderboard.schema";
import { ZListQueuesOutput } from "@/server/trpc/routers/queues/list-queues.schema";
import { ZPauseQueueOutput } from "@/server/trpc/routers/queues/pause-queue.schema";
import { ZListWorkersOutput } from "@/server/trpc/routers/workers/list-workers.schema";
import { defineRoute } from "../define-route";
import { ZLeaderboardExportQuery, ZLeaderboardQuery } from "../schemas";

// Identity, leaderboard, queues, workers and agents.
export const OTHER_ROUTES = [
  defineRoute({
    method: "GET",
    path: "/api/v1/me",
    operationId: "getMe",
    summary: "Who the API takes you for: user, org, team and role",
    tag: "Identity",
    response: { status: 200, description: "The caller", schema: ZCaller },
    errors: [],
    handle: async (_input, { caller }) => caller,
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/leaderboard",
    operationId: "getLeaderboard",
    summary: "Agents across tasks: mean per dimension with n and a 95% interval, pass rate",
    description: "`from` and `to` take ISO dates (YYYY-MM-DD, `to` inclusive) or timestamps.",
    tag: "Leaderboard",
    query: ZLeaderboardQuery,
    response: { status: 200, description: "The leaderboard", schema: ZGetLeaderboardOutput },
    errors: [403],
    handle: ({ query }, { api }) => api.leaderboard.get(query),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/leaderboard/export",
    operationId: "exportLeaderboard",
    summary: "The leaderboard as a CSV or JSON download",
    tag: "Leaderboard",
    query: ZLeaderboardExportQuery,
    response: { status: 200, description: "JSON (format=json, the default) or CSV (format=csv), as a download", schema: ZGetLeaderboardOutput, contentType: ["application/json", "text/csv"] },
    errors: [403],
    handle: async ({ query: { format, ...filter } }, { api }) => {
      const leaderboard = (await api.leaderboard.get(filter)) as TLeaderboard;
      return new Response(format === "csv" ? toCsv(leaderboard) : toJson(leaderboard), {
        headers: {
          "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
          "content-disposition": `attachment; filename="leaderboard.${format}"`,
        },
      });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/queues",
    operationId: "listQueues",
    summary: "Queues with your org's job counts per state, and whether each is paused",
    tag: "Queues",
    response: { status: 200, description: "Every queue", schema: ZListQueuesOutput },
    errors: [403],
    handle: (_input, { api }) => api.queues.list(),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/queues/{name}/pause",
    operationId: "pauseQueue",
    summary: "Pause a queue (workers stop fetching from it). Admins only: queues are shared by every org",
    tag: "Queues",
    params: ZQueueNameInput,
    response: { status: 200, description: "The queue's new state", schema: ZPauseQueueOutput },
    errors: [403],
    handle: ({ params }, { api }) => api.queues.pause(params),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/queues/{name}/resume",
    operationId: "resumeQueue",
    summary: "Resume a paused queue. Admins only",
    tag: "Queues",
    params: ZQueueNameInput,
    response: { status: 200, description: "The queue's new state", schema: ZPauseQueueOutput },
    errors: [403],
    handle: ({ params }, { api }) => api.queues.resume(params),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/workers",
    operationId: "listWorkers",
    summary: "Worker processes: host, queues and concurrency, jobs in flight, last heartbeat",
    tag: "Queues",
    response: { status: 200, description: "Every worker seen recently", schema: ZListWorkersOutput },
    errors: [403],
    handle: (_input, { api }) => api.workers.list(),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/agents",
    operationId: "listAgents",
    summary: "Agents this deployment can run, installed or not",
    tag: "Agents",
    response: { status: 200, description: "Every agent", schema: ZListAgentsOutput },
    errors: [403],
    handle: (_input, { api }) => api.agents.list(),
  }),
];
