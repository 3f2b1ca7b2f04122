import "server-only";
import { agentsConfigFromEnv, type TAgentsConfig } from "../agents/agents-config";
import { ConfigError, parseEnv } from "./load-env";
import type { TEnv } from "./env-schema";

// The only module that reads process.env. Parsed once, lazily, so `next build` does not need a database URL.
let cached: { env: TEnv; agents: TAgentsConfig } | undefined;

function load() {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  let agents: TAgentsConfig;
  try {
    // In the container image the web server runs from .next/standalone; MB_PROJECT_ROOT points at node_modules' home.
    agents = agentsConfigFromEnv(process.env, process.env.MB_PROJECT_ROOT || process.cwd());
  } catch (error) {
    throw new ConfigError([`agents (AGENT_*, AGENTS_CUSTOM, COMPRESSION_*): ${(error as Error).message}`]);
  }
  cached = { env: parsed, agents };
  return cached;
}

export function env(): TEnv {
  return load().env;
}

/** Agent CLIs, custom agents and compression thresholds (validated with the rest of the environment). */
export function agentsConfig(): TAgentsConfig {
  return load().agents;
}
