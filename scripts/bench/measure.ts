// Polling the database for progress, and the small statistics the report needs.
import type pg from "pg";
import { sleep } from "./proc";

/**
 * Polls `sql` (returns one row with an integer column "n") until n >= target; returns performance.now() at that
 * moment. 100 ms granularity, as specified: on a ~10 s drain that is a ≤1% error, and the poll costs the database little.
 */
export async function waitForCount(probe: pg.Pool, sql: string, params: unknown[], target: number, timeoutMs: number, everyMs = 100): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let n = 0;
  for (;;) {
    n = Number((await probe.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
    if (n >= target) return performance.now();
    if (performance.now() > deadline) throw new Error(`drain timed out: ${n}/${target} after ${timeoutMs} ms (${sql})`);
    await sleep(everyMs);
  }
}

export async function countOf(probe: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await probe.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
}

/** Arithmetic mean; NaN for an empty list. */
export const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const perSec = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : NaN);

/** Splits n into chunk-sized counts (last one shorter). */
export function chunks(n: number, size: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

/**
 * VACUUM (ANALYZE) before a drain: each drain then starts from the same state (fresh planner statistics for the
 * rows just submitted, no dead tuples left by the previous repetition), instead of racing autovacuum. Tables that
 * do not exist yet are skipped.
 */
export async function quiesce(probe: pg.Pool, tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await probe.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [table]);
    if (rows[0]?.ok) await probe.query(`VACUUM (ANALYZE) ${table}`);
  }
}

export const APP_TABLES = ["pgboss.job", `"Job"`, `"JobAttempt"`];
