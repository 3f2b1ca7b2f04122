import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { freePort } from "./free-port";

// `next start` on the existing production build (.next) with an environment of our own, e.g. AUTH_MODE=sso
// beside the none-mode server Playwright starts. Own process group (next start forks next-server), output kept
// so a test can search it (the gateway secret must never appear in it).

export type TNextServer = { url: string; output: () => string; stop: () => Promise<void> };

export { freePort } from "./free-port";

/** `options.processes` > 1 runs it as `npm start` does with WEB_CONCURRENCY (scripts/web-cluster.mjs). */
export async function startNextServer(env: Record<string, string>, options: { port?: number; processes?: number } = {}): Promise<TNextServer & { pid: number }> {
  const port = options.port ?? (await freePort());
  const root = path.resolve(import.meta.dirname, "../..");
  const clustered = (options.processes ?? 1) > 1;
  const entry = clustered ? path.join(root, "scripts/web-cluster.mjs") : path.join(root, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [entry, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "debug", ...(clustered ? { WEB_CONCURRENCY: String(options.processes) } : {}), ...env },
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
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    const ok = await fetch(`${url}/api/health`).then((r) => r.status < 500, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, output: () => output, stop };
}
