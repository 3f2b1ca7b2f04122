import "server-only";
import type { TPgQueryable } from "@/server/db/pg-pool";
import { AppError } from "@/server/errors";
import { encodeLogEvent } from "./log-sse-format";

// The SQL of the live log path, on plain pg (hot: one statement per notification per task, per web process).

/** A line as the stream needs it: its number, its run (for the filter), and its SSE event, encoded once. */
export type TLogLine = { seq: bigint; runId: string | null; event: string };

export type TFeedSnapshot = {
  /** null: the task is gone (deleted). */
  status: string | null;
  /** Task.logSeq in the same snapshot as the lines: every line up to it is committed and visible. */
  head: bigint;
  /** The lines are every line with from < seq <= head. */
  from: bigint;
  /** Final long enough ago (finishedAt older than the settle time) that no late line can follow. */
  settledAgo: boolean;
  lines: TLogLine[];
};

type TRow = { seq: string | null; runId: string | null; level: string; message: string; at: Date };

const toLine = (r: TRow & { seq: string }): TLogLine => ({
  seq: BigInt(r.seq),
  runId: r.runId,
  event: encodeLogEvent({ seq: r.seq, runId: r.runId, level: r.level, message: r.message, at: r.at.toISOString() }),
});

/**
 * The task's status and its lines after `after`, at most `window` of the newest: one statement, so the status,
 * logSeq and lines are one snapshot (the writer bumps logSeq and inserts the lines in one transaction).
 */
export async function readFeedSnapshot(pool: TPgQueryable, taskId: string, after: bigint, window: number, settleMs: number): Promise<TFeedSnapshot> {
  const { rows } = await pool.query<TRow & { status: string; head: string; from: string; settledAgo: boolean }>(
    `SELECT t.status::text AS status, t."logSeq"::text AS head, GREATEST($2::bigint, t."logSeq" - $3::bigint)::text AS "from",
            coalesce(t."finishedAt" < now() - make_interval(secs => $4::float8 / 1000), false) AS "settledAgo",
            l.seq::text AS seq, l."runId"::text AS "runId", l.level, l.message, l.at
       FROM "Task" t
       LEFT JOIN LATERAL (
         SELECT seq, "runId", level, message, at FROM "TaskLog"
          WHERE "taskId" = t.id AND seq > GREATEST($2::bigint, t."logSeq" - $3::bigint) AND seq <= t."logSeq"
          ORDER BY seq
       ) l ON true
      WHERE t.id = $1::uuid
      ORDER BY l.seq`,
    [taskId, after.toString(), window, settleMs],
  );
  const first = rows[0];
  if (!first) return { status: null, head: after, from: after, settledAgo: true, lines: [] };
  const lines = rows.filter((r): r is typeof r & { seq: string } => r.seq !== null).map(toLine);
  return { status: first.status, head: BigInt(first.head), from: BigInt(first.from), settledAgo: first.settledAgo, lines };
}

/** History for one reader: lines after `after` up to `through` (of its run and the task-level ones when filtered). */
export async function readLogRange(pool: TPgQueryable, taskId: string, range: { after: bigint; through: bigint; runId?: string; limit: number }): Promise<TLogLine[]> {
  const { rows } = await pool.query<TRow & { seq: string }>(
    `SELECT l.seq::text AS seq, l."runId"::text AS "runId", l.level, l.message, l.at FROM "TaskLog" l
      WHERE l."taskId" = $1::uuid AND l.seq > $2::bigint AND l.seq <= $3::bigint AND ($4::uuid IS NULL OR l."runId" = $4::uuid OR l."runId" IS NULL)
      ORDER BY l.seq LIMIT $5`,
    [taskId, range.after.toString(), range.through.toString(), range.runId ?? null, range.limit],
  );
  return rows.map(toLine);
}

/** The caller's org owns the task (and the run belongs to it): NOT_FOUND otherwise, across orgs too. */
export async function assertLogTarget(pool: TPgQueryable, orgId: string, taskId: string, runId?: string): Promise<void> {
  const { rows } = await pool.query<{ run: boolean }>(
    `SELECT ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM "AgentRun" r WHERE r.id = $3::uuid AND r."taskId" = t.id)) AS run
       FROM "Task" t WHERE t.id = $1::uuid AND t."orgId" = $2`,
    [taskId, orgId, runId ?? null],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", "task not found");
  if (!rows[0].run) throw new AppError("NOT_FOUND", "run not found", "runId");
}
