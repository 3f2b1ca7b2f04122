// What `npm run bench:eval` runs: the sim-agent part, the real-CLI part, or both. Flags win over env.
//   --clis[=claude,gemini,qwen]   the real-CLI part (BENCH_EVAL_CLIS=claude,gemini,qwen; "none" or "0" turns it off)
//   --no-clis                     the sim part only
//   --clis-only / --no-sim        the real-CLI part only (BENCH_EVAL_SIM=0)
//   --scale=1,2,3,4               concurrency sweep (BENCH_EVAL_CLI_SCALE; "none" skips it)
//   --scale-cli=claude            the CLI of the sweep (BENCH_EVAL_CLI_SCALE_AGENT)
//   --cli-trials=1                runs per CLI in the one-at-a-time pass (BENCH_EVAL_CLI_TRIALS)

export const REAL_CLIS = ["claude", "gemini", "qwen"] as const;

export type TCliBenchOptions = { clis: string[]; scaleCli: string | undefined; scaleNs: number[]; trials: number };
export type TEvalOptions = { sim: boolean; clis: TCliBenchOptions | undefined };

/** Whether plain `npm run bench:eval` includes the real-CLI part. */
export const CLIS_BY_DEFAULT = true;

const OFF = new Set(["0", "no", "none", "off", "false"]);

function list(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseEvalOptions(argv: string[], env: Record<string, string | undefined>): TEvalOptions {
  const flags = new Map<string, string | true>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`bench:eval: unknown argument ${JSON.stringify(arg)} (see scripts/bench/eval-options.ts)`);
    flags.set(match[1]!, match[2] ?? true);
  }
  const known = new Set(["clis", "no-clis", "clis-only", "no-sim", "scale", "scale-cli", "cli-trials"]);
  for (const flag of flags.keys()) if (!known.has(flag)) throw new Error(`bench:eval: unknown flag --${flag} (known: ${[...known].map((f) => `--${f}`).join(" ")})`);

  const flag = (name: string) => flags.get(name);
  const sim = !(flag("clis-only") || flag("no-sim") || OFF.has((env.BENCH_EVAL_SIM ?? "").toLowerCase()));

  let clis: string[] | undefined;
  const fromFlag = flag("clis");
  if (flag("no-clis")) clis = undefined;
  else if (fromFlag !== undefined) clis = fromFlag === true ? [...REAL_CLIS] : list(fromFlag);
  else if (env.BENCH_EVAL_CLIS !== undefined) clis = OFF.has(env.BENCH_EVAL_CLIS.toLowerCase()) ? undefined : list(env.BENCH_EVAL_CLIS);
  else if (CLIS_BY_DEFAULT || !sim) clis = [...REAL_CLIS];
  if (clis && clis.length === 0) clis = undefined;
  if (!sim && !clis) throw new Error("bench:eval: nothing to run (the sim part and the CLI part are both off)");

  const scaleText = String(flag("scale") ?? env.BENCH_EVAL_CLI_SCALE ?? "1,2,3,4");
  const scaleNs = OFF.has(scaleText.toLowerCase()) ? [] : list(scaleText).map(Number);
  if (scaleNs.some((n) => !Number.isInteger(n) || n < 1 || n > 10)) throw new Error(`bench:eval: --scale wants integers 1..10, got ${scaleText}`);
  if (scaleNs.length > 0 && !scaleNs.includes(1)) scaleNs.unshift(1); // the reference point
  const scaleCli = String(flag("scale-cli") ?? env.BENCH_EVAL_CLI_SCALE_AGENT ?? clis?.[0] ?? "claude");
  const trials = Number(flag("cli-trials") ?? env.BENCH_EVAL_CLI_TRIALS ?? 1);
  if (!Number.isInteger(trials) || trials < 1 || trials > 10) throw new Error(`bench:eval: --cli-trials wants 1..10, got ${trials}`);
  return { sim, clis: clis && { clis, scaleCli, scaleNs: [...new Set(scaleNs)].sort((a, b) => a - b), trials } };
}
