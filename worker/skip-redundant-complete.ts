import type { PgBoss } from "pg-boss";
import { completeJobs } from "pg-boss/dist/plans.js";

type TExecuteSql = (text: string, values?: unknown[], options?: unknown) => Promise<unknown>;

const FORGET_AFTER_MS = 60_000;

/**
 * pg-boss completes a batch after its handler returns: complete(queue, jobs), one UPDATE fenced to the fetched
 * attempts. By then the batch runner has settled every job it ran (settle-jobs.ts runs pg-boss's completion and
 * the tracking in one statement, or pg-boss's fail()), so that UPDATE cannot match a row: each job is completed,
 * failed, cancelled, or claimed again under a newer attempt. Measured at 100 jobs a batch it cost a round trip and
 * ~7 µs of PostgreSQL per job. This answers it without the database when every id it names was declared settled;
 * any other statement, or a completion naming an undeclared id, goes to the database as usual.
 *
 * Hooks pg-boss's own db object (getDb(), public API) and recognizes the statement by the text of pg-boss 12's
 * completeJobs (plans.js). Returns undefined, changing nothing, when this pg-boss's completeJobs text is not
 * recognized (another version): the batch runner then settles before returning, as without it.
 */
export function skipRedundantCompletions(boss: PgBoss) {
  if (!isCompleteJobs(completeJobs("pgboss", "job_common", false, true))) return undefined;
  const db = boss.getDb() as unknown as { executeSql: TExecuteSql };
  const run = db.executeSql.bind(db);
  // Two generations: a declared id whose completion never comes (pg-boss failed the batch for a timeout) is dropped within two minutes.
  let current = new Set<string>();
  let previous = new Set<string>();
  const stats = { skipped: 0, jobs: 0 };
  const rotate = setInterval(() => {
    previous = current;
    current = new Set();
  }, FORGET_AFTER_MS);
  rotate.unref();

  const declared = (id: unknown) => typeof id === "string" && (current.has(id) || previous.has(id));
  db.executeSql = (text, values, options) => {
    const ids = values?.[1];
    if (values?.length === 4 && Array.isArray(ids) && ids.length > 0 && isCompleteJobs(text) && ids.every(declared)) {
      for (const id of ids as string[]) {
        current.delete(id);
        previous.delete(id);
      }
      stats.skipped++;
      stats.jobs += ids.length;
      return Promise.resolve({ rows: [{ count: "0", ids: [] }], rowCount: 1 });
    }
    return run(text, values, options);
  };

  return {
    /** The runner settled these jobs (in pg-boss and tracking): pg-boss's completion of them may be skipped. */
    settled(ids: Iterable<string>): void {
      for (const id of ids) current.add(id);
    },
    stats,
  };
}

export type TCompletionSkipper = ReturnType<typeof skipRedundantCompletions>;

/** pg-boss 12 plans.completeJobs: `WITH results AS (UPDATE <schema>.<table> SET completed_on = …, state = 'completed' … RETURNING id) SELECT COUNT(*) …`. */
function isCompleteJobs(text: string): boolean {
  return /^\s*WITH results AS \(\s*UPDATE \S+\s+SET completed_on = \S+,\s+state = 'completed'/.test(text) && text.includes("RETURNING id");
}
