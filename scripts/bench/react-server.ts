// The app's db modules import "server-only", which throws unless Node resolves with --conditions=react-server.
// An entry point started without it (e.g. plain `tsx scripts/bench/queue.ts`) re-runs itself with it. Entry points
// must therefore load the app's modules only through `load` (a dynamic import), never statically.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runMain } from "../run-main";

export function runWithReactServer(entryUrl: string, load: () => Promise<() => Promise<number>>): void {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  process.env.LOG_LEVEL ??= "warn"; // app modules log through pino: keep their info lines out of the report
  if (/(--conditions[= ]|-C ?)react-server\b/.test(flags)) {
    runMain(async () => (await load())());
    return;
  }
  const args = ["--import", "tsx", "--conditions=react-server", fileURLToPath(entryUrl), ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  // Ctrl-C reaches both through the terminal's process group; the child does the cleanup (workers, scratch database).
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
