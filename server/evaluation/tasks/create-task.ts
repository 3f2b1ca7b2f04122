import "server-only";
import { randomInt } from "node:crypto";
import type { TCaller } from "@/server/auth/caller";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TAgentInfo } from "@/server/agents/types";
import { parseInput } from "@/server/validation/parse-input";
import { DEFAULT_THRESHOLD, ZCreateTaskInput, type TCreateTaskInput } from "./task-schema";
import { redactUrl, toSourceLocation, type TTaskSource } from "../source/source-input";
import { enqueueStep } from "../pipeline/enqueue-step";

/**
 * Validates the request against the agents this deployment has, then creates the task and queues its prepare
 * job in one transaction. Unknown or uninstalled agents are refused up front, naming the field, before anything exists.
 */
export async function createTask(
  caller: Pick<TCaller, "orgId" | "teamId" | "userId">,
  rawInput: TCreateTaskInput,
  agents: TAgentInfo[],
): Promise<{ id: string }> {
  const input = parseInput(ZCreateTaskInput, rawInput);
  input.agents.forEach((agentId, i) => {
    const agent = agents.find((a) => a.id === agentId);
    const field = `agents.${i}`;
    if (!agent) throw new AppError("INVALID_INPUT", `${field}: unknown agent "${agentId}" (known: ${agents.map((a) => a.id).join(", ")})`, field);
    if (!agent.installed) throw new AppError("INVALID_INPUT", `${field}: agent "${agentId}" is not installed here${agent.problem ? `: ${agent.problem}` : ""}`, field);
  });
  const thresholds = Object.fromEntries(input.dimensions.map((d) => [d, input.thresholds[d] ?? DEFAULT_THRESHOLD]));
  const owner = { orgId: caller.orgId, teamId: caller.teamId, userId: caller.userId };

  return db().$transaction(async (tx) => {
    const task = await tx.task.create({
      data: {
        ...owner,
        title: input.title || toSourceLocation(input.source).displayName,
        source: input.source,
        repository: repositoryOf(input.source),
        agents: input.agents,
        dimensions: input.dimensions,
        thresholds,
        maxFiles: input.maxFiles,
        maxTurns: input.maxTurns,
        contextTokenLimit: input.contextTokenLimit,
        trials: input.trials,
        priority: input.priority,
        seed: input.seed ?? randomInt(0, 2 ** 31 - 1),
      },
      select: { id: true },
    });
    await enqueueStep(tx, owner, "eval.prepare", { taskId: task.id }, input.priority);
    return task;
  });
}

/** The repository a task is filed under in lists and leaderboard filters (no refs, no credentials). */
function repositoryOf(source: TTaskSource): string {
  return source.kind === "github-pr" ? toSourceLocation(source).displayName.replace(/#\d+$/, "") : redactUrl(source.repository);
}
