// CPU time from /proc (Linux), to tell a worker-bound drain from a database-bound one.
import { readFileSync } from "node:fs";
import type pg from "pg";

const TICK_MS = 10; // USER_HZ is 100 on Linux

export type TProcStat = { pid: number; ppid: number; pgid: number; comm: string; fields: string[] };

/**
 * /proc/<pid>/stat, or undefined when the process is gone (or not on this host). `fields` are those after
 * "(comm)": fields[0] is field 3 (state), [11]..[14] utime, stime, cutime, cstime. comm may hold spaces and
 * parentheses, so the split is after the last ')'.
 */
export function readProcStat(pid: number): TProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const end = text.lastIndexOf(")");
    const fields = text.slice(end + 2).split(" ");
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), comm: text.slice(text.indexOf("(") + 1, end), fields };
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU of a process in ms; with `reaped`, also that of the children it waited for (cutime, cstime).
 * 0 when it is gone (or not on this host).
 */
export function processCpuMs(pid: number, options: { reaped?: boolean } = {}): number {
  const fields = readProcStat(pid)?.fields;
  if (!fields) return 0;
  const own = Number(fields[11]) + Number(fields[12]);
  return (options.reaped ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS;
}

/** Busy and total jiffies of the whole machine (all cores), for a utilisation ratio between two samples. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...nums] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const v = nums.map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU spent per job during a drain: the consumer process, and the PostgreSQL backends serving the bench database. */
export type TDrainCpu = { workerCpuUs: number; pgCpuUs: number };

/**
 * Backends are found through pg_stat_activity (this database only, so other databases on a shared server do not
 * count; autovacuum of this database does). A backend that starts mid-drain counts from zero; one that exits is lost.
 */
export async function drainCpu(pid: number, probe: pg.Pool) {
  const backends = async () => {
    const { rows } = await probe.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
  };
  const w0 = processCpuMs(pid);
  const p0 = await backends();
  return {
    perJob: async (jobs: number): Promise<TDrainCpu> => {
      const w1 = processCpuMs(pid);
      let pgMs = 0;
      for (const [backend, ms] of await backends()) pgMs += ms - (p0.get(backend) ?? 0);
      return { workerCpuUs: ((w1 - w0) * 1000) / jobs, pgCpuUs: (pgMs * 1000) / jobs };
    },
  };
}
