import { ZEnv, type TEnv } from "./env-schema";

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable at once. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZEnv.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const key = issue.path.join(".") || "(environment)";
      const value = cleaned[key];
      return `${key}: ${issue.message}${value !== undefined ? ` (got "${/SECRET|KEY|TOKEN|PASSWORD/.test(key) ? "***" : key.includes("URL") ? redact(value) : value}")` : ""}`;
    }),
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
