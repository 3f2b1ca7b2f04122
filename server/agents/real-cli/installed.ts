import path from "node:path";
import { parseAgentsConfig, type TBuiltinAgentId } from "../agents-config";
import { getAdapter } from "../registry";
import type { TDetectResult } from "../resolve-cli";

// Whether a vendor CLI is installed in this project's node_modules (the lockfile's pinned version), for the
// recording script and the tests that run the real CLIs.

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");

export async function resolveVendorCli(cli: TBuiltinAgentId): Promise<TDetectResult> {
  const adapter = await getAdapter(parseAgentsConfig({ projectRoot: PROJECT_ROOT }), cli);
  return adapter.detect();
}
