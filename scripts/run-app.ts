import fs from "node:fs/promises";
import path from "node:path";
import { deployMigrations } from "./db/deploy-migrations";
import { nodeBin } from "./node-bin";
import { PROJECT_ROOT } from "./project-root";
import { resolveDatabase } from "./resolve-database";
import { runServices, type ServiceSpec } from "./run-services";
import { signalExitCode, trapShutdownSignals } from "./shutdown-signals";
import { webServerArgs } from "./web-command";

// Shared by `npm run dev` and `npm start`: database (DATABASE_URL or embedded), migrations, then web + worker.

export type AppMode = "dev" | "production";

export async function runApp(mode: AppMode): Promise<number> {
  const shutdown = trapShutdownSignals();
  const db = await resolveDatabase("memory_break");
  try {
    const { applied } = await deployMigrations(db.url);
    console.log(`[db] migrations: ${applied.length > 0 ? `applied ${applied.join(", ")}` : "up to date"}`);
    if (shutdown.received) return signalExitCode(shutdown.received);

    const env = await appEnv(db.url, mode);
    return await runServices(services(mode, env), shutdown);
  } finally {
    await db.release();
  }
}

async function appEnv(databaseUrl: string, mode: AppMode): Promise<NodeJS.ProcessEnv> {
  const storageDir = process.env.STORAGE_DIR || ".data/storage";
  await fs.mkdir(path.resolve(PROJECT_ROOT, storageDir), { recursive: true });
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    STORAGE_DIR: storageDir,
    NEXT_TELEMETRY_DISABLED: "1",
    // Children write into pipes (for the [web]/[worker] prefixes) and would drop their colours otherwise.
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {}),
    ...(mode === "production" ? { NODE_ENV: "production", PORT: process.env.PORT || "3000" } : {}),
  };
}

function services(mode: AppMode, env: NodeJS.ProcessEnv): ServiceSpec[] {
  // The worker drains its jobs for up to WORKER_SHUTDOWN_GRACE_SECONDS; give it that plus a margin before SIGKILL.
  const workerGraceMs = (Number(env.WORKER_SHUTDOWN_GRACE_SECONDS) || 30) * 1000 + 10_000;
  const web = { cwd: PROJECT_ROOT, env, name: "web", prefix: "[web]", graceMs: 15_000 };
  const worker = { cwd: PROJECT_ROOT, env: { ...env, MB_SERVICE: "worker" }, name: "worker", prefix: "[worker]", graceMs: workerGraceMs };
  // Same flags as package.json's "worker" script: react-server makes `import "server-only"` resolve to a no-op.
  const workerEntry = ["--conditions=react-server", "worker/index.ts"];
  const node = process.execPath;
  return [
    mode === "dev"
      ? { ...web, command: node, args: [nodeBin("next"), "dev"] }
      : { ...web, command: node, args: webServerArgs(Number(env.WEB_CONCURRENCY) || 1) },
    mode === "dev"
      ? { ...worker, command: node, args: [nodeBin("tsx"), "watch", ...workerEntry] }
      : // `node --import tsx` rather than the tsx CLI: one process, which gets SIGTERM exactly once.
        { ...worker, command: node, args: ["--import", "tsx", ...workerEntry] },
  ];
}
