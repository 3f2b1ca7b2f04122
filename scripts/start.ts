// npm start: like npm run dev, but the production web server (scripts/web-server.ts) on the build + the worker.
import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseEnv } from "../server/config/load-env";
import { PROJECT_ROOT } from "./project-root";
import { runApp } from "./run-app";
import { runMain } from "./run-main";

runMain(async () => {
  // Checked first: no point starting PostgreSQL for an app that cannot start.
  if (!existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found (.next/BUILD_ID is missing): run npm run build first.");
  }
  assertSafeAuth();
  return runApp("production");
});

/** The whole configuration is checked now (DATABASE_URL may still be unset: the embedded one is started later). */
function assertSafeAuth(): void {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://embedded" });
  } catch (error) {
    // A plain Error: runMain prints its message alone, without a stack.
    throw error instanceof ConfigError ? new Error(error.message) : error;
  }
  if (env.AUTH_MODE === "none" && !env.ALLOW_INSECURE_AUTH_NONE) {
    throw new Error(
      "Refusing to start in production with AUTH_MODE=none: every visitor would be an admin.\n" +
        "Set AUTH_MODE=sso (with AUTH_GATEWAY_SECRET) or AUTH_MODE=nextauth (with the AUTH_OIDC_* settings), see README \"Identity\".\n" +
        "For a local trial of the production build only: ALLOW_INSECURE_AUTH_NONE=1 npm start",
    );
  }
  if (env.AUTH_MODE === "none") console.warn("[auth] AUTH_MODE=none with ALLOW_INSECURE_AUTH_NONE=1: every visitor is the local admin.");
}
