// npm test: the whole suite against a fresh database, starting whatever it needs.
//   npm test                      -> vitest, then playwright (when playwright.config.ts exists)
//   npm test -- <vitest args>     -> vitest only, with those args
// Server: DATABASE_URL's if set, else the embedded PostgreSQL. Either way the tests get a new mb_test_* database,
// dropped at the end (also on failure and Ctrl-C), and a new temporary STORAGE_DIR.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { exitCodeOf, startChildGroup } from "./child-group";
import { deployMigrations } from "./db/deploy-migrations";
import { nodeBin } from "./node-bin";
import { PROJECT_ROOT } from "./project-root";
import { resolveDatabase } from "./resolve-database";
import { runMain } from "./run-main";
import { signalExitCode, trapShutdownSignals, type ShutdownSignals } from "./shutdown-signals";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { parsePlaywright, parseVitest, type Counts } from "./test-summary";

const CHROMIUM = "/usr/bin/chromium";

interface Runner {
  name: string;
  args: string[];
  env?: Record<string, string>;
  parse(output: string): Counts | undefined;
}

runMain(async () => {
  const shutdown = trapShutdownSignals();
  const vitestArgs = process.argv.slice(2);
  const runners: Runner[] = [{ name: "vitest", args: [nodeBin("vitest"), "run", ...vitestArgs], parse: parseVitest }];
  if (vitestArgs.length === 0 && existsSync(path.join(PROJECT_ROOT, "playwright.config.ts"))) {
    // Checked before anything runs: better to fail in a second than after the whole vitest suite.
    if (!existsSync(CHROMIUM)) throw new Error(`Playwright needs ${CHROMIUM}: install Debian's chromium: apt-get install -y chromium`);
    // One production build serves the deployment tests (standalone output) and Playwright's server.
    runners.unshift({ name: "next build", args: [nodeBin("next"), "build"], parse: () => undefined });
    runners.push({ name: "playwright", args: [nodeBin("playwright"), "test"], parse: parsePlaywright, env: { E2E_SKIP_BUILD: "1" } });
  }

  const results: RunnerResult[] = [];
  const code = await runSuite(runners, results, shutdown);
  printSummary(results); // last, after the cleanup lines, so it is the final line
  return code;
});

interface RunnerResult {
  name: string;
  counts: Counts | undefined;
}

async function runSuite(runners: Runner[], results: RunnerResult[], shutdown: ShutdownSignals): Promise<number> {
  const server = await resolveDatabase("postgres");
  let database: TestDatabase | undefined;
  let storageDir: string | undefined;
  try {
    database = await createTestDatabase(server.url);
    console.log(`[test] created database ${database.name}`);
    const { applied } = await deployMigrations(database.url);
    console.log(`[test] applied ${applied.length} migration(s)`);
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "mb-test-storage-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      STORAGE_DIR: storageDir,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {}),
    };

    const codes: number[] = [];
    for (const runner of runners) {
      if (shutdown.received) break;
      console.log(`[test] ${runner.name} ${runner.args.slice(1).join(" ")}`);
      let output = "";
      const child = startChildGroup({
        name: runner.name,
        command: process.execPath,
        args: runner.args,
        cwd: PROJECT_ROOT,
        env: { ...env, ...runner.env },
        onOutput: (text) => (output += text),
      });
      const stop = shutdown.promise.then((signal) => child.terminate(signal, 15_000));
      const exit = await Promise.race([child.exited, stop]);
      codes.push(exitCodeOf(exit));
      results.push({ name: runner.name, counts: runner.parse(output) });
      if (runner.name === "next build" && exitCodeOf(exit) !== 0) {
        console.error(`[test] next build failed:\n${output.slice(-4000)}`);
        break;
      }
    }

    if (shutdown.received) return signalExitCode(shutdown.received);
    return codes.find((code) => code !== 0) ?? 0;
  } finally {
    // Each step on its own: a failed drop must not leave the embedded server running, and vice versa.
    if (database) {
      await database.drop().then(
        () => console.log(`[test] dropped database ${database!.name}`),
        (error: Error) => console.error(`[test] could not drop database ${database!.name}: ${error.message}`),
      );
    }
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
    await server.release().catch((error: Error) => console.error(`[db] could not stop the embedded PostgreSQL: ${error.message}`));
  }
}

function printSummary(results: RunnerResult[]): void {
  const parsed = results.filter((r): r is RunnerResult & { counts: Counts } => r.counts !== undefined);
  if (parsed.length === 0) return;
  if (results.length > 1) {
    const parts = results.filter(({ name }) => name !== "next build").map(({ name, counts }) => (counts ? `${name} ${counts.passed} passed, ${counts.failed} failed` : `${name}: no summary found`));
    console.log(`[test] ${parts.join("; ")}`);
  }
  const total = parsed.reduce((sum, { counts }) => ({ passed: sum.passed + counts.passed, failed: sum.failed + counts.failed }), { passed: 0, failed: 0 });
  console.log(`${total.passed} passed, ${total.failed} failed`);
}
