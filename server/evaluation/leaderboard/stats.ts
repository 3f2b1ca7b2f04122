// Leaderboard statistics: means with Student-t 95% intervals, pass rates with Wilson intervals, flip rate across
// trials, and paired differences between two agents. Pure functions; null where a value does not exist (n=0,
// or an interval with n=1) rather than a made-up number.
import jStat from "jstat";

export type TInterval = { low: number; high: number };
export type TMeanCi = { n: number; mean: number | null; sd: number | null; ci95: TInterval | null };
export type TPassRate = { n: number; passes: number; rate: number | null; ci95: TInterval | null };
export type TFlipRate = { rate: number | null; flipped: number; eligible: number };
export type TPairedTask = { taskId: string; a: number; b: number; diff: number };
export type TPairedComparison = TMeanCi & { wins: number; losses: number; ties: number; tasks: TPairedTask[] };

const Z95 = 1.959963984540054;
const TIE_EPSILON = 1e-9;

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sampleSd(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return Math.sqrt(xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Quantile p of Student's t with df degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return jStat.studentt.inv(p, df);
}

/** Mean with a two-sided 95% Student-t confidence interval (null for n < 2). */
export function meanWithCi(xs: readonly number[]): TMeanCi {
  const m = mean(xs);
  const sd = sampleSd(xs);
  if (m === null || sd === null) return { n: xs.length, mean: m, sd, ci95: null };
  const half = tQuantile(0.975, xs.length - 1) * (sd / Math.sqrt(xs.length));
  return { n: xs.length, mean: m, sd, ci95: { low: m - half, high: m + half } };
}

/** Wilson score interval for a proportion (95%); null for n = 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): TInterval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function passRate(outcomes: readonly boolean[]): TPassRate {
  const passes = outcomes.filter(Boolean).length;
  const n = outcomes.length;
  return { n, passes, rate: n === 0 ? null : passes / n, ci95: wilsonInterval(passes, n) };
}

/**
 * Of the (agent, task) pairs with at least two trials, the share whose trials disagree (one passed, another
 * failed). Null when no pair has two trials.
 */
export function flipRate(runs: readonly { agentId: string; taskId: string; passed: boolean }[]): TFlipRate {
  const outcomes = new Map<string, Set<boolean>>();
  const counts = new Map<string, number>();
  for (const run of runs) {
    const key = JSON.stringify([run.agentId, run.taskId]);
    outcomes.set(key, (outcomes.get(key) ?? new Set()).add(run.passed));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const eligible = [...counts].filter(([, count]) => count >= 2).map(([key]) => key);
  const flipped = eligible.filter((key) => (outcomes.get(key)?.size ?? 0) > 1).length;
  return { rate: eligible.length === 0 ? null : flipped / eligible.length, flipped, eligible: eligible.length };
}

/** Per-task means of each side, over the tasks both have a value for; diff = a − b. */
export function pairedComparison(
  a: readonly { taskId: string; value: number | null }[],
  b: readonly { taskId: string; value: number | null }[],
): TPairedComparison {
  const meansA = perTaskMeans(a);
  const meansB = perTaskMeans(b);
  const tasks = [...meansA.keys()]
    .filter((taskId) => meansB.has(taskId))
    .sort()
    .map((taskId) => {
      const va = meansA.get(taskId) as number;
      const vb = meansB.get(taskId) as number;
      return { taskId, a: va, b: vb, diff: va - vb };
    });
  const diffs = tasks.map((t) => t.diff);
  return {
    ...meanWithCi(diffs),
    wins: diffs.filter((d) => d > TIE_EPSILON).length,
    losses: diffs.filter((d) => d < -TIE_EPSILON).length,
    ties: diffs.filter((d) => Math.abs(d) <= TIE_EPSILON).length,
    tasks,
  };
}

function perTaskMeans(rows: readonly { taskId: string; value: number | null }[]): Map<string, number> {
  const byTask = groupBy(rows.filter((r): r is { taskId: string; value: number } => r.value !== null), (r) => r.taskId);
  return new Map([...byTask].map(([taskId, group]) => [taskId, mean(group.map((r) => r.value)) as number]));
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
