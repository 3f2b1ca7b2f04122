import { QUEUES } from "@/server/jobs/queues";

/**
 * Which queues this worker consumes and how many handlers run at once on each.
 * Sources, later wins: defaults (every queue) < WORKER_QUEUES < --queues. Syntax: "default:4,maintenance"
 * (a queue without ":n" gets its default concurrency, or --concurrency n when given).
 */
export function parseWorkerOptions(argv: string[], workerQueuesEnv: string): Map<string, number> {
  const flag = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i]!;
    return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
  };
  const spec = flag("--queues") ?? workerQueuesEnv;
  const concurrencyArg = flag("--concurrency");
  const override = concurrencyArg === undefined ? undefined : positiveInt(concurrencyArg, "--concurrency");
  const entries = spec.trim() === "" ? QUEUES.map((q) => q.name as string) : spec.split(",").map((s) => s.trim()).filter(Boolean);
  const result = new Map<string, number>();
  for (const entry of entries) {
    const [name, count] = entry.split(":") as [string, string | undefined];
    const queue = QUEUES.find((q) => q.name === name);
    if (!queue) throw new Error(`unknown queue "${name}"; known queues: ${QUEUES.map((q) => q.name).join(", ")}`);
    result.set(name, count !== undefined ? positiveInt(count, `concurrency of ${name}`) : (override ?? queue.defaultConcurrency));
  }
  return result;
}

function positiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`${what} must be an integer 1..256, got "${value}"`);
  return n;
}
