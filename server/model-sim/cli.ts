import { startModelSim } from "./server";
import { MODEL_SIM_PROFILES } from "./summary";
import type { TModelSimOptions, TProtocol } from "./types";

// `node bin/model-sim.mjs [options]`: starts the model simulator and prints one JSON line {url, port, profile} once it
// listens. Every option also reads from the environment (MODEL_SIM_<NAME>); the argument wins.

export const USAGE = `usage: model-sim [--port N] [--host H] [--profile ID] [--seed N] [--usage-multiplier X]
                 [--pressure anthropic=N,gemini=N,openai=N] [--log FILE] [--bodies DIR]
                 [--delay-ms N]
       model-sim --list-profiles
env: MODEL_SIM_PORT, MODEL_SIM_HOST, MODEL_SIM_PROFILE, MODEL_SIM_SEED, MODEL_SIM_USAGE_MULTIPLIER,
     MODEL_SIM_PRESSURE, MODEL_SIM_LOG, MODEL_SIM_BODIES, MODEL_SIM_DELAY_MS`;

const OPTIONS = ["port", "host", "profile", "seed", "usage-multiplier", "pressure", "log", "bodies", "delay-ms"] as const;
type TOptionName = (typeof OPTIONS)[number];

export class UsageError extends Error {}

function number(name: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  return parsed;
}

function pressure(value: string): Partial<Record<TProtocol, number>> {
  const result: Partial<Record<TProtocol, number>> = {};
  for (const item of value.split(",").filter(Boolean)) {
    const [key, raw] = item.split("=");
    if (key !== "anthropic" && key !== "gemini" && key !== "openai") throw new UsageError(`--pressure: unknown protocol "${key}"`);
    result[key] = number("pressure", raw ?? "");
  }
  return result;
}

/** Options from argv over env; `{ list: true }` for --list-profiles. */
export function parseModelSimArgs(argv: string[], env: Record<string, string | undefined>): TModelSimOptions | { list: true } {
  const values = new Map<TOptionName, string>();
  for (const name of OPTIONS) {
    const fromEnv = env[`MODEL_SIM_${name.replace(/-/g, "_").toUpperCase()}`];
    if (fromEnv !== undefined && fromEnv !== "") values.set(name, fromEnv);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--list-profiles") return { list: true };
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.replace(/^--/, "") as TOptionName;
    if (!flag.startsWith("--") || !OPTIONS.includes(name)) throw new UsageError(`unknown argument "${arg}"`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values.set(name, value);
  }
  const get = (name: TOptionName) => values.get(name);
  return {
    ...(get("port") !== undefined && { port: number("port", get("port")!) }),
    ...(get("host") !== undefined && { host: get("host") }),
    ...(get("profile") !== undefined && { profile: get("profile") }),
    ...(get("seed") !== undefined && { seed: number("seed", get("seed")!) }),
    ...(get("usage-multiplier") !== undefined && { usageMultiplier: number("usage-multiplier", get("usage-multiplier")!) }),
    ...(get("pressure") !== undefined && { pressureTokens: pressure(get("pressure")!) }),
    ...(get("log") !== undefined && { logFile: get("log") }),
    ...(get("bodies") !== undefined && { bodiesDir: get("bodies") }),
    ...(get("delay-ms") !== undefined && { delayMs: number("delay-ms", get("delay-ms")!) }),
  };
}

export async function main(argv: string[]): Promise<void> {
  let options: ReturnType<typeof parseModelSimArgs>;
  try {
    options = parseModelSimArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`model-sim: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if ("list" in options) {
    process.stdout.write(`${JSON.stringify(MODEL_SIM_PROFILES)}\n`);
    return;
  }
  const sim = await startModelSim(options);
  process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port, profile: sim.profile })}\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
