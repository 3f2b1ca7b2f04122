import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

/**
 * Node's arguments for the production web server: scripts/web-server.ts (Next + the /api/v1 path), or with
 * `processes` > 1 scripts/web-cluster.mjs running that many of them on one port. It loads server/ TypeScript itself:
 * tsx, and `server-only` as a no-op (scripts/server-only-hook.mjs). Shared by npm start, the tests and Playwright.
 */
export function webServerArgs(processes = 1): string[] {
  const entry = processes > 1 ? "web-cluster.mjs" : "web-server.ts";
  return ["--import", "tsx", "--import", path.join(PROJECT_ROOT, "scripts", "server-only-hook.mjs"), path.join(PROJECT_ROOT, "scripts", entry)];
}
