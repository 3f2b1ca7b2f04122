import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

/**
 * A larger young generation than Node's default: an API request allocates a lot that dies young (Web Request and
 * Response objects, rows, JSON), and with the default the web process spent a fifth of a list request in the
 * scavenger. With 64 MiB the list's web CPU per request fell from 2.1 to 1.6 ms (npm run bench:api).
 */
export const WEB_YOUNG_GENERATION = "--max-semi-space-size=64";

/**
 * Node's arguments for the production web server: scripts/web-server.ts (Next + the /api/v1 path), or with
 * `processes` > 1 scripts/web-cluster.mjs running that many of them on one port. It loads server/ TypeScript itself:
 * tsx, and `server-only` as a no-op (scripts/server-only-hook.mjs). Shared by npm start, the tests and Playwright.
 */
export function webServerArgs(processes = 1): string[] {
  const entry = processes > 1 ? "web-cluster.mjs" : "web-server.ts";
  return [WEB_YOUNG_GENERATION, "--import", "tsx", "--import", path.join(PROJECT_ROOT, "scripts", "server-only-hook.mjs"), path.join(PROJECT_ROOT, "scripts", entry)];
}
