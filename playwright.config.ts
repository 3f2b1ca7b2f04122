import { defineConfig, devices } from "@playwright/test";
import { webServerArgs } from "./scripts/web-command";
import { assertLocalDatabase } from "./tests/e2e/assert-local-database";

// Fails before anything starts if DATABASE_URL is missing or remote.
const DATABASE_URL = assertLocalDatabase(process.env.DATABASE_URL);
const CI = Boolean(process.env.CI);
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

const serverEnv: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATABASE_URL,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(PORT),
  HOSTNAME: "127.0.0.1",
};

// The production web server, as npm start runs it (scripts/web-server.ts). `next build` takes ~50 s here;
// E2E_SKIP_BUILD=1 reuses an existing .next while iterating on tests.
const webCommand = `${process.env.E2E_SKIP_BUILD ? "" : "npx next build && "}${[process.execPath, ...webServerArgs()].map((arg) => JSON.stringify(arg)).join(" ")}`;

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // One database, one worker and shared queues (a paused queue pauses it for every test): run serially.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    viewport: { width: 1400, height: 1000 },
    trace: "retain-on-failure",
    screenshot: "on",
    // Playwright cannot download browsers here: Debian's chromium (apt-get install -y chromium).
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      name: "web",
      command: webCommand,
      url: `${baseURL}/api/trpc/health.check`,
      env: serverEnv,
      timeout: 240_000,
      // Never reuse: a server left running may point at another database.
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "worker",
      command: "npm run worker",
      wait: { stdout: /"worker ready"/ },
      env: { ...serverEnv, WORKER_HEARTBEAT_SECONDS: "1", WORKER_SHUTDOWN_GRACE_SECONDS: "3", LOG_LEVEL: "info" },
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
