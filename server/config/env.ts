import "server-only";
import { parseEnv } from "./load-env";
import type { TEnv } from "./env-schema";

// The only module that reads process.env. Parsed once, lazily, so `next build` does not need a database URL.
let cached: TEnv | undefined;

export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
