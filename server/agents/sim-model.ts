import path from "node:path";
import { startModelSimProcess } from "@/server/model-sim/process";
import type { TAgentAdapter } from "./adapter";
import type { TAgentsConfig, TBuiltinAgentId } from "./agents-config";
import { createClaudeAdapter } from "./claude";
import { createGeminiAdapter } from "./gemini";
import { createQwenAdapter } from "./qwen";
import type { TAgentSession } from "./types";

// "<cli>.sim-<profile>": a real CLI on the model simulator instead of its vendor's API. Each run starts its own
// simulator (bin/model-sim.mjs on a free port of 127.0.0.1, seeded with the run's seed), points the CLI at it and
// stops it with the session; the simulator's request log stays in the run's keep/ folder. With the model held fixed,
// the scores compare the CLIs' own memory management; the two profiles (what the summaries keep) bound the range.

export const SIM_MODEL_PROFILES = ["thorough", "lossy"] as const;
export const SIM_MODEL_LOG = "model-sim.jsonl";

type TSimModelCli = Extract<TBuiltinAgentId, "claude" | "gemini" | "qwen">;

const CLIS: Record<TSimModelCli, { create: (config: TAgentsConfig) => TAgentAdapter; path: string; model?: string }> = {
  claude: { create: createClaudeAdapter, path: "" },
  // A model name skips Gemini CLI's router call (one request per turn instead of two).
  gemini: { create: createGeminiAdapter, path: "", model: "gemini-2.5-flash" },
  // An unknown model, so Qwen Code uses the context window the adapter sets.
  qwen: { create: createQwenAdapter, path: "/v1", model: "model-sim" },
};

export const simModelAgentId = (cli: TSimModelCli, profile: string) => `${cli}.sim-${profile}`;

/** Wraps a session so that disposing it also stops the run's simulator. */
function withSimulator(session: TAgentSession, agentId: string, stop: () => Promise<void>): TAgentSession {
  return {
    agentId,
    get sessionId() {
      return session.sessionId;
    },
    turn: (prompt, opts) => session.turn(prompt, opts),
    async dispose() {
      try {
        await session.dispose();
      } finally {
        await stop();
      }
    },
  };
}

export function createSimModelAdapter(config: TAgentsConfig, cli: TSimModelCli, profile: string): TAgentAdapter {
  const base = CLIS[cli].create(config);
  const id = simModelAgentId(cli, profile);
  return {
    id,
    label: `${base.label} on the model simulator (${profile})`,
    kind: "cli",
    simulated: true,
    detect: () => base.detect(),
    async openSession(options) {
      const detected = await base.detect();
      if (!detected.installed) throw new Error(`${base.label} cannot run: ${detected.problem ?? "not installed"}`);
      const sim = await startModelSimProcess({
        projectRoot: config.projectRoot,
        logFile: path.join(options.runDir, "keep", SIM_MODEL_LOG),
        args: ["--profile", profile, "--seed", String(options.seed)],
      });
      try {
        const { path: suffix, model } = CLIS[cli];
        const pointed = { ...config, [cli]: { ...config[cli], baseUrl: `${sim.url}${suffix}`, apiKey: "model-sim", model } };
        options.onLine({ stream: "system", line: `model simulator (${profile}) for this run at ${sim.url}` });
        return withSimulator(await CLIS[cli].create(pointed).openSession(options), id, sim.stop);
      } catch (error) {
        await sim.stop();
        throw error;
      }
    },
  };
}

export function createSimModelAdapters(config: TAgentsConfig): TAgentAdapter[] {
  return (Object.keys(CLIS) as TSimModelCli[]).flatMap((cli) => SIM_MODEL_PROFILES.map((profile) => createSimModelAdapter(config, cli, profile)));
}
