// npm start: like npm run dev, but `next start` on the production build + the worker, with NODE_ENV=production.
import { existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";
import { runApp } from "./run-app";
import { runMain } from "./run-main";

runMain(async () => {
  // Checked first: no point starting PostgreSQL for an app that cannot start.
  if (!existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build found (.next/BUILD_ID is missing): run npm run build first.");
  }
  return runApp("production");
});
