import path from "node:path";

/** The repository root (this file lives in scripts/), so scripts work from any cwd. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
