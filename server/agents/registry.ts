import { AppError } from "@/server/errors";
import type { TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import { createClaudeAdapter } from "./claude";
import { createCustomAdapter } from "./custom";
import { createGeminiAdapter } from "./gemini";
import { createIflowAdapter } from "./iflow";
import { createQwenAdapter } from "./qwen";
import { createSimAdapters } from "./sim";
import { createSimModelAdapters } from "./sim-model";
import type { TAgentInfo, TAgentSession, TOpenSessionOptions } from "./types";

// Every agent the configuration offers: the vendor CLIs, the vendor CLIs on the model simulator (<cli>.sim-<profile>),
// one simulated agent per sim profile, the custom agents.
// Adding a CLI is one adapter file plus one line here.

export async function listAdapters(config: TAgentsConfig): Promise<TAgentAdapter[]> {
  return [
    createClaudeAdapter(config),
    createGeminiAdapter(config),
    createQwenAdapter(config),
    createIflowAdapter(config),
    ...createSimModelAdapters(config),
    ...(await createSimAdapters(config)),
    ...config.custom.map((agent) => createCustomAdapter(config, agent)),
  ];
}

export async function listAgents(config: TAgentsConfig): Promise<TAgentInfo[]> {
  const adapters = await listAdapters(config);
  return Promise.all(
    adapters.map(async ({ id, label, kind, simulated, detect }) => ({ id, label, kind, simulated, ...(await detect()) })),
  );
}

export async function getAdapter(config: TAgentsConfig, agentId: string): Promise<TAgentAdapter> {
  const adapters = await listAdapters(config);
  const adapter = adapters.find((candidate) => candidate.id === agentId);
  if (!adapter) {
    const known = adapters.map((candidate) => candidate.id).join(", ");
    throw new AppError("NOT_FOUND", `Unknown agent "${agentId}" (known agents: ${known})`, "agentId");
  }
  return adapter;
}

export async function openAgentSession(config: TAgentsConfig, agentId: string, options: TOpenSessionOptions): Promise<TAgentSession> {
  const adapter = await getAdapter(config, agentId);
  return adapter.openSession(options);
}
