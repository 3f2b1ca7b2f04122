import { z } from "zod";

// Agent configuration: CLI overrides, compression thresholds and custom agents. Pure: callers pass values in
// (agentsConfigFromEnv takes an env-like record), adapters never read process.env.

export const BUILTIN_AGENT_IDS = ["claude", "gemini", "qwen", "iflow"] as const;
export type TBuiltinAgentId = (typeof BUILTIN_AGENT_IDS)[number];

export const ZCliAgentConfig = z
  .object({
    /** A binary or a .js/.mjs/.cjs entry (run with this Node); relative paths are from projectRoot. */
    binaryPath: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    baseUrl: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    extraArgs: z.array(z.string()).default([]),
  })
  .strict();

export const ZCustomAgentConfig = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "id: lower-case letters, digits, '.', '_' or '-'")
      .refine((id) => !(BUILTIN_AGENT_IDS as readonly string[]).includes(id) && !id.startsWith("sim-"), {
        error: "id is taken by a built-in agent (claude, gemini, qwen, iflow, sim-*)",
      }),
    label: z.string().min(1),
    /** argv template; {prompt}, {sessionId} and {cwd} are substituted inside each argument, never through a shell. */
    command: z.array(z.string()).min(1),
    /** Appended from the second turn on, e.g. ["--resume", "{sessionId}"]. */
    resumeArgs: z.array(z.string()).default([]),
    output: z.enum(["text", "jsonl-claude", "jsonl-sim"]),
    /** "prompt": the prompt is also written to stdin. */
    stdin: z.enum(["none", "prompt"]).default("none"),
    env: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const ZCompressionThresholds = z
  .object({
    /** iFlow: a "% context left" reading at or below this is a compression. */
    low: z.number().int().min(0).max(100).default(30),
    /** iFlow: a reading that rises by at least this many points is a compression. */
    jump: z.number().int().min(1).max(100).default(30),
  })
  .strict();

export const ZAgentsConfig = z
  .object({
    /** Where node_modules (the CLIs) and bin/sim-agent.mjs live. */
    projectRoot: z.string().min(1),
    simScript: z.string().min(1).optional(),
    claude: ZCliAgentConfig.prefault({}),
    gemini: ZCliAgentConfig.prefault({}),
    qwen: ZCliAgentConfig.prefault({}),
    iflow: ZCliAgentConfig.prefault({}),
    compression: ZCompressionThresholds.prefault({}),
    custom: z
      .array(ZCustomAgentConfig)
      .default([])
      .refine((agents) => new Set(agents.map((agent) => agent.id)).size === agents.length, {
        error: "custom agent ids must be unique",
      }),
    /** `--version` probes are cut off after this long. */
    versionTimeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();

export type TCliAgentConfig = z.infer<typeof ZCliAgentConfig>;
export type TCustomAgentConfig = z.infer<typeof ZCustomAgentConfig>;
export type TAgentsConfig = z.infer<typeof ZAgentsConfig>;
export type TAgentsConfigInput = z.input<typeof ZAgentsConfig>;

export function parseAgentsConfig(input: TAgentsConfigInput): TAgentsConfig {
  const parsed = ZAgentsConfig.safeParse(input);
  if (!parsed.success) throw new Error(`Invalid agents config:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function parseJson(name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

const optional = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

function cliFromEnv(env: Record<string, string | undefined>, cli: TBuiltinAgentId) {
  const key = (suffix: string) => optional(env[`AGENT_${cli.toUpperCase()}_${suffix}`]);
  const extraArgs = key("EXTRA_ARGS");
  return {
    binaryPath: key("BIN"),
    model: key("MODEL"),
    baseUrl: key("BASE_URL"),
    apiKey: key("API_KEY"),
    extraArgs: extraArgs === undefined ? [] : (parseJson(`AGENT_${cli.toUpperCase()}_EXTRA_ARGS`, extraArgs) as string[]),
  };
}

/**
 * Builds the config from environment values: AGENT_<CLI>_{BIN,MODEL,BASE_URL,API_KEY,EXTRA_ARGS (JSON array)} for
 * CLAUDE/GEMINI/QWEN/IFLOW, SIM_AGENT_SCRIPT, COMPRESSION_THRESHOLD_LOW, COMPRESSION_JUMP_THRESHOLD, AGENTS_CUSTOM (JSON array).
 */
export function agentsConfigFromEnv(env: Record<string, string | undefined>, projectRoot: string): TAgentsConfig {
  const custom = optional(env.AGENTS_CUSTOM);
  const low = optional(env.COMPRESSION_THRESHOLD_LOW);
  const jump = optional(env.COMPRESSION_JUMP_THRESHOLD);
  return parseAgentsConfig({
    projectRoot,
    simScript: optional(env.SIM_AGENT_SCRIPT),
    claude: cliFromEnv(env, "claude"),
    gemini: cliFromEnv(env, "gemini"),
    qwen: cliFromEnv(env, "qwen"),
    iflow: cliFromEnv(env, "iflow"),
    compression: { low: low === undefined ? undefined : Number(low), jump: jump === undefined ? undefined : Number(jump) },
    custom: custom === undefined ? [] : (parseJson("AGENTS_CUSTOM", custom) as TAgentsConfigInput["custom"]),
  });
}
