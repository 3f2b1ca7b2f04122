// Peak memory of the agent CLIs a worker starts, read from /proc (Linux) while they run. Node's child 'exit' carries
// no rusage, so the bench samples instead: every `everyMs` it finds the worker's descendants that lead a process
// group of their own (run-process starts each CLI turn detached), maps each group to its run through the HOME the
// isolated environment gives it (STORAGE_DIR/<task>/runs/<run>/agent/home), and reads VmRSS / VmHWM of every member.
import { readdirSync, readFileSync } from "node:fs";
import { readProcStat, type TProcStat } from "./cpu";

export type TTurnMemory = {
  runId: string;
  /** Max over samples of the summed VmRSS of the group's processes (shared pages count once per process). */
  peakTreeRssKb: number;
  /** Max VmHWM of any one process of the group (the CLI's main process): its exact peak, whatever the sampling rate. */
  maxHwmKb: number;
  /** Distinct processes seen in the group. */
  processes: number;
};

export type TMemorySampler = {
  /** Per CLI invocation (process group), in the order they were first seen. */
  turns(): TTurnMemory[];
  /** Max over samples of the RSS summed over every CLI process of every run at that moment. */
  peakAllRssKb(): number;
  samples(): number;
  /** Time the sampling itself took, in ms (it runs in the bench process, on the same cores). */
  costMs(): number;
  stop(): void;
};

const RUN_HOME = /\/runs\/([0-9a-f-]{36})\/agent\/home$/;

type TStat = TProcStat;

type TMemory = { rss: number; hwm: number; size: number };

/** VmRSS, VmHWM (peak) and VmSize of a process in kB; undefined when it is gone or a zombie. */
export function readMemory(pid: number): TMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    const rss = field("VmRSS");
    return Number.isNaN(rss) ? undefined : { rss, hwm: field("VmHWM") || rss, size: field("VmSize") };
  } catch {
    return undefined;
  }
}

function runOfProcess(pid: number): string | undefined {
  try {
    const home = readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .find((entry) => entry.startsWith("HOME="));
    return home ? RUN_HOME.exec(home.slice(5))?.[1] : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the CLI process groups below `rootPid` until stop(); Linux only (elsewhere it records nothing). */
export function sampleCliMemory(rootPid: number, everyMs = 100): TMemorySampler {
  type TGroup = TTurnMemory & { pids: Set<number> };
  const live = new Map<number, TGroup>(); // by process group id, while any member runs
  const done: TGroup[] = [];
  let peakAll = 0;
  let count = 0;
  let cost = 0;
  let available = true;

  const tick = () => {
    const t0 = performance.now();
    try {
      sample();
    } finally {
      cost += performance.now() - t0;
    }
  };
  // pid -> stat. Re-read each tick only for the worker's descendants (their group id is set right after the fork);
  // anything else is read once: a live process never becomes the worker's descendant, and a pid that vanished is
  // dropped at the next tick, long before it could be reused. Reading every /proc/<pid>/stat costs ~60 µs each here.
  const known = new Map<number, TStat>();
  let descendantPids = new Set<number>();
  const sample = () => {
    let entries: string[];
    try {
      entries = readdirSync("/proc");
    } catch {
      available = false;
      return;
    }
    const present = new Set<number>();
    for (const name of entries) {
      if (name.charCodeAt(0) > 57) continue; // not a pid (digits sort before letters)
      const pid = Number(name);
      present.add(pid);
      if (known.has(pid) && !descendantPids.has(pid) && pid !== rootPid) continue;
      const stat = readProcStat(pid);
      if (stat) known.set(pid, stat);
    }
    for (const pid of known.keys()) if (!present.has(pid)) known.delete(pid);
    const children = new Map<number, TStat[]>();
    for (const stat of known.values()) {
      const siblings = children.get(stat.ppid);
      if (siblings) siblings.push(stat);
      else children.set(stat.ppid, [stat]);
    }
    const rootGroup = known.get(rootPid)?.pgid ?? rootPid;
    const descendants: TStat[] = [];
    const queue = [rootPid];
    while (queue.length > 0) {
      for (const child of children.get(queue.pop()!) ?? []) {
        descendants.push(child);
        queue.push(child.pid);
      }
    }
    descendantPids = new Set(descendants.map((d) => d.pid));
    const members: (TStat & TMemory)[] = [];
    for (const proc of descendants) {
      if (proc.pgid === rootGroup) continue; // the worker's own helpers (git, ...), not a CLI
      if (!live.has(proc.pgid)) {
        // Known only once the leader has exec'd the CLI with the run's HOME (not cached before: a fresh fork
        // still carries the worker's environment). Groups of no run (the `--version` probe) are skipped.
        const runId = proc.pid === proc.pgid ? runOfProcess(proc.pid) : undefined;
        if (!runId) continue;
        live.set(proc.pgid, { runId, peakTreeRssKb: 0, maxHwmKb: 0, processes: 0, pids: new Set() });
      }
      const memory = readMemory(proc.pid);
      if (memory) members.push({ ...proc, ...memory });
    }
    const byPid = new Map(members.map((m) => [m.pid, m]));
    let all = 0;
    const now = new Map<number, number>();
    for (const m of members) {
      // A child caught between fork/vfork and exec still shows its parent's memory (the same pages; with vfork the
      // very same mm): same name, same size. Counting it would double the tree for that sample.
      const parent = byPid.get(m.ppid);
      if (parent && parent.comm === m.comm && Math.abs(parent.size - m.size) <= parent.size * 0.01) continue;
      const group = live.get(m.pgid)!;
      group.pids.add(m.pid);
      group.maxHwmKb = Math.max(group.maxHwmKb, m.hwm);
      now.set(m.pgid, (now.get(m.pgid) ?? 0) + m.rss);
      all += m.rss;
    }
    for (const [pgid, group] of live) {
      const rss = now.get(pgid);
      if (rss !== undefined) group.peakTreeRssKb = Math.max(group.peakTreeRssKb, rss);
      else {
        // No member left (or only a zombie leader): that turn is over, and its id may be reused by a later one.
        live.delete(pgid);
        if (group.pids.size > 0) done.push(group);
      }
    }
    peakAll = Math.max(peakAll, all);
    count += 1;
  };

  tick();
  const timer = setInterval(() => available && tick(), everyMs);
  return {
    turns: () => [...done, ...live.values()].map(({ pids, ...turn }) => ({ ...turn, processes: pids.size })),
    peakAllRssKb: () => peakAll,
    samples: () => count,
    costMs: () => cost,
    stop: () => clearInterval(timer),
  };
}
