import { realpathSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

/**
 * The JS file behind node_modules/.bin/<name>, to run with process.execPath: no npx lookup, no shell, and the
 * same Node that runs this script rather than whichever `node` the shebang finds first on PATH.
 */
export function nodeBin(name: string): string {
  const link = path.join(PROJECT_ROOT, "node_modules", ".bin", name);
  try {
    return realpathSync(link);
  } catch {
    throw new Error(`${link} not found: run npm install`);
  }
}
