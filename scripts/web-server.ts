// The production web process (`npm start`, the image's `web` role): Next's request handler on node:http, with the
// /api/v1 operations answered first by server/rest/rest-dispatch.ts (same front door, same route handlers; no Next
// routing in between). Run with `node --import tsx --import ./scripts/server-only-hook.mjs scripts/web-server.ts`.
// Environment: PORT (3000), HOSTNAME (bind address, 0.0.0.0), KEEP_ALIVE_TIMEOUT (ms, 65000), MB_NEXT_DIR (the
// folder holding .next: the project, or the image's standalone copy).
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

type TNext = typeof import("next").default;

// As `next start` does; before the server modules load (some read it at import time).
Object.assign(process.env, { NODE_ENV: "production" });
const { ConfigError } = await import("../server/config/load-env");
const { env } = await import("../server/config/env");
const { serveRestRequest } = await import("../server/rest/rest-dispatch");
try {
  env(); // every setting checked now, with a message for each bad one, not at the first request
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[web] ${error.message}`);
  process.exit(1);
}

/** A whole number from the environment in [min, max], or the process stops with a message naming the variable. */
function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`[web] ${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    process.exit(1);
  }
  return value;
}

const port = intFromEnv("PORT", 3000, 0, 65_535);
const hostname = process.env.HOSTNAME || "0.0.0.0";
// Longer than a load balancer's usual 60 s idle timeout, so the server never closes a connection a client is about
// to reuse (Node's 5 s default reset bench:api's sockets).
const keepAliveTimeout = intFromEnv("KEEP_ALIVE_TIMEOUT", 65_000, 0, 3_600_000);
const dir = path.resolve(process.env.MB_NEXT_DIR || PROJECT_ROOT);

// A standalone build (output: "standalone") has no next.config.js: its config is in required-server-files.json, and
// its own trimmed copy of next, which must be the one that loads its server chunks.
const serverFiles = path.join(dir, ".next", "required-server-files.json");
if (!existsSync(path.join(dir, "next.config.js")) && existsSync(serverFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify((JSON.parse(readFileSync(serverFiles, "utf8")) as { config: unknown }).config);
}
const next = createRequire(path.join(dir, "package.json"))("next") as TNext;

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!serveRestRequest(req, res)) void handle(req, res);
});
server.keepAliveTimeout = keepAliveTimeout;
server.listen(port, hostname, () => console.log(`[web] ready on http://${hostname}:${port} (pid ${process.pid})`));

// SIGTERM: stop accepting, let requests in flight finish (up to 10 s), then exit.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
