import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdir, readFile, readlink, rm } from "node:fs/promises";
import { workerArgs, workerEnv } from "../helpers/worker-process";

// What the real-CLI test files share: a worker process started under strace (every connect() of the worker and of
// the CLIs it starts is recorded), and looks into /proc (which processes belong to a run, whom a process talks to).

export const STRACE = "/usr/bin/strace";

export type TTracedWorker = {
  /** strace's pid (also the process group of the worker). */
  stracePid: number;
  /** The worker's own pid (strace's child). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
};

/** The (first) child of a process: /proc/<pid>/task/<pid>/children, else a scan of every process's parent. */
async function childOf(parent: number): Promise<number | undefined> {
  const listed = await readFile(`/proc/${parent}/task/${parent}/children`, "utf8").catch(() => "");
  const first = Number(listed.trim().split(/\s+/)[0]);
  if (first > 0) return first;
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    if (Number(/\) \S (\d+) /.exec(stat)?.[1]) === parent) return Number(pid);
  }
  return undefined;
}

/**
 * Starts a real worker (the `npm run worker` entry point, as tests/helpers/worker-process.ts does) under
 * `strace -f --seccomp-bpf -e trace=connect`: the worker and every process it starts stop only at connect(), so
 * tracing costs next to nothing. Waits until the worker is consuming.
 */
export async function startTracedWorker(options: { traceFile: string; args?: string[]; env?: Record<string, string> }): Promise<TTracedWorker> {
  const child: ChildProcess = spawn(STRACE, ["-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-o", options.traceFile, process.execPath, ...workerArgs(options.args)], {
    env: workerEnv(`test-worker-${Math.random().toString(36).slice(2, 8)}`, options.env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const spawnError = once(child, "error").then(([error]) => error as Error);
  const deadline = Date.now() + 30_000;
  while (!output.includes('"worker ready"')) {
    if (child.exitCode !== null) throw new Error(`strace/worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`worker did not start within 30 s:\n${output}`);
    const failed = await Promise.race([spawnError, new Promise((r) => setTimeout(r, 50, undefined))]);
    if (failed) throw new Error(`could not start ${STRACE} (apt-get install strace): ${(failed as Error).message}`);
  }
  const stracePid = child.pid!;
  const pid = await childOf(stracePid);
  if (!pid) throw new Error(`no worker process under strace (pid ${stracePid})`);
  return {
    stracePid,
    pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      // The worker drains and exits; strace follows it out once every traced process is gone.
      const kill = (target: number, signal: NodeJS.Signals) => {
        try {
          process.kill(target, signal);
        } catch {
          // already gone
        }
      };
      kill(pid, "SIGTERM");
      const timer = setTimeout(() => kill(-stracePid, "SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type TConnect = { pid: number; family: string; address?: string; port?: number; line: string };

/**
 * The connect() calls strace recorded (families AF_INET, AF_INET6, AF_UNIX, ...), in order. A call whose address
 * strace could not show gets the family "?" (and counts as leaving the machine), so nothing is skipped unseen.
 */
export async function readConnects(traceFile: string): Promise<TConnect[]> {
  const text = await readFile(traceFile, "utf8");
  const connects: TConnect[] = [];
  for (const line of text.split("\n")) {
    if (!/^\d+\s+connect\(/.test(line)) continue; // "<... connect resumed>" lines carry no address
    const call = /^(\d+)\s+connect\(\d+, \{sa_family=(AF_\w+)(.*)$/.exec(line);
    if (!call) {
      connects.push({ pid: Number(/^\d+/.exec(line)![0]), family: "?", line });
      continue;
    }
    const [, pid, family, rest] = call as unknown as [string, string, string, string];
    const port = /sin6?_port=htons\((\d+)\)/.exec(rest)?.[1];
    const address = /inet_addr\("([^"]+)"\)/.exec(rest)?.[1] ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(rest)?.[1] ?? /sun_path=("[^"]*")/.exec(rest)?.[1];
    connects.push({ pid: Number(pid), family, address, port: port === undefined ? undefined : Number(port), line });
  }
  return connects;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** Internet connections (AF_INET/AF_INET6) to anything but 127.0.0.1 / ::1, and calls strace could not decode. */
export const offLoopback = (connects: TConnect[]) =>
  connects.filter((c) => c.family === "?" || ((c.family === "AF_INET" || c.family === "AF_INET6") && !LOOPBACK.has(c.address ?? "")));

export type TProc = { pid: number; command: string; why: string };

async function readProc(pid: string, file: string): Promise<string> {
  return readFile(`/proc/${pid}/${file}`, "utf8").catch(() => "");
}

/** True while the process exists and is not a zombie. */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readProc(String(pid), "stat");
  return stat !== "" && !/^\d+ \(.*\) Z /s.test(stat);
}

/** Live processes whose environment mentions `dir` or whose working directory is inside it. */
export async function processesUnder(dir: string): Promise<TProc[]> {
  const found: TProc[] = [];
  for (const pid of (await readdir("/proc")).filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    const stat = await readProc(pid, "stat");
    if (/^\d+ \(.*\) Z /s.test(stat)) continue; // a zombie: dead, only waiting to be reaped
    const environ = await readProc(pid, "environ");
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => "");
    const inEnv = environ.split("\0").find((entry) => entry.includes(dir));
    const why = inEnv ? `env ${inEnv}` : cwd === dir || cwd.startsWith(`${dir}/`) ? `cwd ${cwd}` : undefined;
    if (why) found.push({ pid: Number(pid), command: (await readProc(pid, "cmdline")).split("\0").join(" ").slice(0, 200), why });
  }
  return found;
}

/** The environment of a live process. */
export async function environOf(pid: number): Promise<Record<string, string>> {
  const entries = (await readProc(String(pid), "environ")).split("\0").filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
}

/** Remote ports of the established TCP connections a process holds (from its fds and /proc/net/tcp{,6}). */
export async function tcpPeerPorts(pid: number): Promise<number[]> {
  const links = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const inodes = new Set<string>();
  for (const fd of links) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  const ports: number[] = [];
  for (const table of ["tcp", "tcp6"]) {
    for (const row of (await readProc(String(pid), `net/${table}`)).split("\n").slice(1)) {
      const cols = row.trim().split(/\s+/);
      // sl local_address rem_address st ... inode (10th column); st 01 = ESTABLISHED
      if (cols.length > 9 && cols[3] === "01" && inodes.has(cols[9]!)) ports.push(parseInt(cols[2]!.split(":")[1]!, 16));
    }
  }
  return ports;
}

/** The environment that points the three real CLIs at a model simulator on `simUrl` (worker and test process alike). */
export function simAgentEnv(simUrl: string): Record<string, string> {
  return {
    AGENT_CLAUDE_BASE_URL: simUrl,
    AGENT_CLAUDE_API_KEY: "sk-ant-sim",
    AGENT_GEMINI_BASE_URL: simUrl,
    AGENT_GEMINI_API_KEY: "gemini-sim",
    // One request per turn: without a model Gemini CLI first asks its router (a JSON-mode call) which model to use.
    AGENT_GEMINI_MODEL: "gemini-2.5-flash",
    AGENT_QWEN_BASE_URL: `${simUrl}/v1`,
    AGENT_QWEN_API_KEY: "sk-sim",
    AGENT_QWEN_MODEL: "model-sim",
  };
}

/** afterAll of a real-CLI file: stop what it started, forget its env, delete its org's rows and its folders. */
export async function cleanUpRealCliFile(opts: {
  orgId: string;
  storageDir: string;
  env?: Record<string, string>;
  stoppable?: ({ stop(): Promise<unknown> } | undefined)[];
  repo?: { cleanup(): Promise<unknown> };
}): Promise<void> {
  for (const thing of opts.stoppable ?? []) await thing?.stop();
  for (const key of Object.keys(opts.env ?? {})) delete process.env[key];
  const { db, disconnectDb } = await import("@/server/db/client");
  const { stopProducer } = await import("@/server/jobs/producer");
  await db().task.deleteMany({ where: { orgId: opts.orgId } });
  await db().job.deleteMany({ where: { orgId: opts.orgId } });
  await opts.repo?.cleanup();
  await stopProducer();
  await disconnectDb();
  await rm(opts.storageDir, { recursive: true, force: true });
}

/** The small task every real-CLI test submits (2 files, 3 deep-dive turns, a context limit the real CLIs fit in). */
export function smallCliTask(repo: { dir: string; baseRef: string; headRef: string }, task: { agents: string[]; dimensions: ("AR" | "TTL" | "LRU" | "SF")[]; seed: number }) {
  return {
    source: { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef },
    maxFiles: 2,
    maxTurns: 3,
    contextTokenLimit: 100_000,
    ...task,
  };
}
