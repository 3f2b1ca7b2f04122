import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./load-env";

describe("parseEnv", () => {
  it("applies defaults to a minimal environment", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@localhost/db" });
    expect(env.AUTH_MODE).toBe("none");
    expect(env.RETENTION_DAYS).toBe(90);
    expect(env.WORKER_DEAD_AFTER_SECONDS).toBe(20);
  });

  it("names every bad variable in one error", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", AUTH_MODE: "magic", RETENTION_DAYS: "-1" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toMatch(/DATABASE_URL: .*postgresql/);
      expect(problems).toMatch(/AUTH_MODE/);
      expect(problems).toMatch(/RETENTION_DAYS/);
    }
  });

  it("explains a missing DATABASE_URL and redacts passwords", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL is required/);
    expect(() => parseEnv({ DATABASE_URL: "postgresql://me:secret@h/db", LOG_LEVEL: "loud" })).not.toThrow(/secret/);
  });
});
