import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { webServerArgs } from "../../scripts/web-command";
import { freePort } from "./free-port";

// The production web server (scripts/web-server.ts: Next on the existing build + the /api/v1 path, as npm start
// runs it) with an environment of our own, e.g. AUTH_MODE=sso beside the none-mode server Playwright starts.
// Own process group, output kept so a test can search it (the gateway secret must never appear in it).

export type TNextServer = { url: string; output: () => string; stop: () => Promise<void> };

export { freePort } from "./free-port";

/** `options.processes` > 1 runs it as `npm start` does with WEB_CONCURRENCY (scripts/web-cluster.mjs). */
export async function startNextServer(env: Record<string, string>, options: { port?: number; processes?: number } = {}): Promise<TNextServer & { pid: number }> {
  const port = options.port ?? (await freePort());
  const root = path.resolve(import.meta.dirname, "../..");
  const clustered = (options.processes ?? 1) > 1;
  const child = spawn(process.execPath, webServerArgs(options.processes ?? 1), {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "debug", PORT: String(port), HOSTNAME: "127.0.0.1", ...(clustered ? { WEB_CONCURRENCY: String(options.processes) } : {}), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer within 60 s:\n${output}`);
    }
    const ok = await fetch(`${url}/api/health`).then((r) => r.status < 500, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, output: () => output, stop };
}
