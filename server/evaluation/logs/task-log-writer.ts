import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import type { TDb } from "@/server/db/create-prisma";
import { taskPaths } from "../storage-paths";

export type TLogLevel = "debug" | "info" | "warn" | "error";
export type TTaskLogLine = { taskId: string; runId: string | null; level: TLogLevel; message: string; at: Date };

const MAX_MESSAGE = 8 * 1024;
/** Lines kept while the database is unreachable; beyond it the oldest go, counted in a warning. */
const MAX_BUFFERED = 50_000;

/**
 * Buffers a process's task log lines and writes them in batches: one transaction per task per flush numbers
 * the lines (Task.logSeq) and inserts them with one statement, then mirrors them to STORAGE_DIR/{taskId}/task.log
 * and tells listeners once per flush (not once per line), so a chatty agent cannot stall the database.
 */
export function createTaskLogWriter(opts: {
  db: () => TDb;
  storageDir: string;
  log: Logger;
  /** Called after a task's lines are committed, with the last sequence number (e.g. a coalesced NOTIFY). */
  onFlushed?: (taskId: string, lastSeq: bigint) => void;
  flushMs?: number;
}) {
  let buffer: TTaskLogLine[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let dropped = 0;

  function schedule() {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, opts.flushMs ?? 100);
    timer.unref?.();
  }

  function append(line: Omit<TTaskLogLine, "at"> & { at?: Date }) {
    const message = line.message.length > MAX_MESSAGE ? `${line.message.slice(0, MAX_MESSAGE)}… [truncated]` : line.message;
    buffer.push({ ...line, message, at: line.at ?? new Date() });
    if (buffer.length > MAX_BUFFERED) {
      // A tenth at once: slicing on every append copied the whole buffer per line, which hung a writer under overload.
      const drop = buffer.length - MAX_BUFFERED + MAX_BUFFERED / 10;
      dropped += drop;
      buffer = buffer.slice(drop);
    }
    schedule();
  }

  async function writeTask(taskId: string, lines: TTaskLogLine[]): Promise<void> {
    const lastSeq = await opts.db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ logSeq: bigint }[]>`
        UPDATE "Task" SET "logSeq" = "logSeq" + ${lines.length} WHERE id = ${taskId}::uuid RETURNING "logSeq"`;
      if (rows.length === 0) return null; // task deleted meanwhile: its lines have nowhere to go
      const last = rows[0]!.logSeq;
      const first = last - BigInt(lines.length) + 1n;
      await tx.$executeRaw`
        INSERT INTO "TaskLog" ("taskId", "seq", "runId", "level", "message", "at")
        SELECT ${taskId}::uuid, t.seq, t.run::uuid, t.level, t.message, t.at
        FROM unnest(${lines.map((_, i) => first + BigInt(i))}::bigint[], ${lines.map((l) => l.runId)}::text[],
                    ${lines.map((l) => l.level)}::text[], ${lines.map((l) => l.message)}::text[],
                    ${lines.map((l) => l.at)}::timestamptz[]) AS t(seq, run, level, message, at)`;
      return last;
    });
    if (lastSeq === null) return;
    const file = taskPaths(opts.storageDir, taskId).taskLog;
    await mkdir(path.dirname(file), { recursive: true });
    const text = lines.map((l) => `${l.at.toISOString()} ${l.level.toUpperCase().padEnd(5)} ${l.runId ? `[${l.runId.slice(0, 8)}] ` : ""}${l.message.replace(/\r?\n/g, "\\n")}\n`).join("");
    await appendFile(file, text).catch((error) => opts.log.warn({ err: error, taskId }, "task.log mirror write failed"));
    opts.onFlushed?.(taskId, lastSeq);
  }

  async function flushOnce(): Promise<void> {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const byTask = new Map<string, TTaskLogLine[]>();
    for (const line of batch) {
      const lines = byTask.get(line.taskId);
      if (lines) lines.push(line);
      else byTask.set(line.taskId, [line]);
    }
    for (const [taskId, lines] of byTask) {
      try {
        await writeTask(taskId, lines);
      } catch (error) {
        // Keep the lines for the next flush (database restart, pool exhausted): lose nothing we can keep.
        buffer = [...lines, ...buffer];
        opts.log.warn({ err: error, taskId, lines: lines.length }, "task log flush failed; retrying");
        schedule();
      }
    }
    if (dropped > 0) {
      opts.log.error({ dropped }, "task log buffer overflowed while the database was unreachable");
      dropped = 0;
    }
  }

  /** Writes everything buffered so far (waits for a flush already under way). */
  async function flush(): Promise<void> {
    while (flushing) await flushing;
    flushing = flushOnce().finally(() => (flushing = undefined));
    await flushing;
  }

  async function close(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    await flush();
  }

  return { append, flush, close, pending: () => buffer.length };
}

export type TTaskLogWriter = ReturnType<typeof createTaskLogWriter>;
