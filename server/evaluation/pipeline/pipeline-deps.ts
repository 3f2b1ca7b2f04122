import "server-only";
import type { TAgentsConfig } from "@/server/agents/agents-config";
import { agentsConfig, env } from "@/server/config/env";
import { db } from "@/server/db/client";
import { logger } from "@/server/logger";
import { createLlmJudge, type TLlmJudge } from "../judging/llm-judge";
import { createTaskLogWriter, type TTaskLogWriter } from "../logs/task-log-writer";
import { notifyTaskLog } from "../logs/task-log-channel";

/** What the pipeline steps need from the process: built once from the validated environment. */
export type TPipelineDeps = {
  storageDir: string;
  githubToken?: string;
  agents: TAgentsConfig;
  llmJudge?: TLlmJudge;
  turnTimeoutMs: number;
  logs: TTaskLogWriter;
};

const holder = globalThis as unknown as { __mbPipeline?: TPipelineDeps };

export function pipelineDeps(): TPipelineDeps {
  if (holder.__mbPipeline) return holder.__mbPipeline;
  const e = env();
  holder.__mbPipeline = {
    storageDir: e.STORAGE_DIR,
    githubToken: e.GITHUB_TOKEN,
    agents: agentsConfig(),
    llmJudge: e.JUDGE_BASE_URL
      ? createLlmJudge({ baseUrl: e.JUDGE_BASE_URL, apiKey: e.JUDGE_API_KEY, model: e.JUDGE_MODEL, timeoutMs: e.JUDGE_TIMEOUT_SECONDS * 1000 })
      : undefined,
    turnTimeoutMs: e.AGENT_TURN_TIMEOUT_SECONDS * 1000,
    logs: createTaskLogWriter({ db, storageDir: e.STORAGE_DIR, log: logger, onFlushed: notifyTaskLog }),
  };
  return holder.__mbPipeline;
}

/** Flushes buffered log lines (worker shutdown). */
export async function closePipeline(): Promise<void> {
  await holder.__mbPipeline?.logs.close();
}
