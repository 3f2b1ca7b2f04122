import { z } from "zod";

// One schema for the web app, the worker and the scripts, so the processes cannot drift apart.
// Pure: no process.env here; load-env.ts feeds it.
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (npm run dev starts an embedded PostgreSQL and sets it for you)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: int(1, 100, 10),
  /** Web processes `npm start` runs on one port (scripts/web-cluster.mjs); 1 = a single scripts/web-server.ts. */
  WEB_CONCURRENCY: int(1, 64, 1),
  /** The production web server answers /api/v1 itself, before Next's router (server/rest/rest-dispatch.ts); 0 = all through Next. */
  API_FAST_PATH: z.enum(["0", "1", "true", "false"], { error: "API_FAST_PATH must be 1 or 0" }).default("1").transform((v) => v === "1" || v === "true"),
  STORAGE_DIR: z.string().min(1).default(".data/storage"),
  AUTH_MODE: z.enum(["none", "sso", "nextauth"], { error: "AUTH_MODE must be none, sso or nextauth" }).default("none"),
  /** AUTH_MODE=sso: the gateway proves itself with this shared secret (checked in constant time). Never logged. */
  AUTH_GATEWAY_SECRET: z.string().optional(),
  /** Header the gateway sends the secret in. */
  AUTH_GATEWAY_SECRET_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "AUTH_GATEWAY_SECRET_HEADER must be an HTTP header name such as x-gateway-secret")
    .transform((name) => name.toLowerCase())
    .default("x-gateway-secret"),
  /** AUTH_MODE=nextauth: next-auth's own variables (the public URL of this app, the session encryption secret). */
  NEXTAUTH_URL: z.url({ error: "NEXTAUTH_URL must be this app's public URL, e.g. https://memory-break.example.com" }).optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  /** The OIDC provider: its issuer URL (discovery at /.well-known/openid-configuration) and this app's client. */
  AUTH_OIDC_ISSUER: z.url({ error: "AUTH_OIDC_ISSUER must be the provider's issuer URL, e.g. https://login.example.com/realms/main" }).optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
  /** Shown on the sign-in button. */
  AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
  AUTH_OIDC_SCOPE: z.string().min(1).default("openid email profile"),
  /** ID-token/userinfo claims that carry the org, team and role (admin | member | viewer). */
  AUTH_OIDC_ORG_CLAIM: z.string().min(1).default("org_id"),
  AUTH_OIDC_TEAM_CLAIM: z.string().min(1).default("team_id"),
  AUTH_OIDC_ROLE_CLAIM: z.string().min(1).default("role"),
  /** Org of a signed-in user whose token names none; unset = such users are refused. */
  AUTH_DEFAULT_ORG: z.string().min(1).max(200).optional(),
  /** Role of a signed-in user whose token names none (or an unknown one). */
  AUTH_DEFAULT_ROLE: z.enum(["admin", "member", "viewer"], { error: "AUTH_DEFAULT_ROLE must be admin, member or viewer" }).default("viewer"),
  /** `npm start` refuses AUTH_MODE=none (everyone is admin) unless this is 1. */
  ALLOW_INSECURE_AUTH_NONE: z.enum(["0", "1", "true", "false"], { error: "ALLOW_INSECURE_AUTH_NONE must be 1 or 0" }).default("0").transform((v) => v === "1" || v === "true"),
  /** Largest JSON body /api/v1 accepts (413 above it). */
  API_MAX_BODY_BYTES: int(1024, 50 * 1024 * 1024, 1024 * 1024),
  /** Optional bearer token for GET /api/metrics; unset = open (keep it off the public ingress). */
  METRICS_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  RETENTION_DAYS: int(1, 3650, 90),
  /** Comma-separated queue[:concurrency] list; empty = every queue at its default concurrency. */
  WORKER_QUEUES: z.string().default(""),
  WORKER_ID: z.string().min(1).optional(),
  WORKER_HEARTBEAT_SECONDS: int(1, 60, 5),
  /** A worker silent for this long is dead: its jobs are handed to other workers. */
  WORKER_DEAD_AFTER_SECONDS: int(5, 600, 20),
  WORKER_SHUTDOWN_GRACE_SECONDS: int(0, 86_400, 30),
  /** A file the worker rewrites on every heartbeat tick, for exec liveness probes (it has no HTTP port). */
  WORKER_HEALTH_FILE: z.string().min(1).optional(),
  /** pg-boss job heartbeat (its minimum is 10 s): a job whose worker stops refreshing it is retried. */
  JOB_HEARTBEAT_SECONDS: int(10, 600, 10),

  // Evaluation
  /** Optional: lets prepare fetch private GitHub pull requests. Sent as an HTTP header, never stored. */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /** OpenAI-compatible chat completions API for the LLM judge of open questions; unset = open questions stay unscored. */
  JUDGE_BASE_URL: z.url({ error: "JUDGE_BASE_URL must be a URL, e.g. http://localhost:8000/v1" }).optional(),
  JUDGE_API_KEY: z.string().min(1).optional(),
  JUDGE_MODEL: z.string().min(1).default("gpt-4o-mini"),
  JUDGE_TIMEOUT_SECONDS: int(1, 600, 60),
  /** One agent turn (one CLI invocation) is killed after this long. */
  AGENT_TURN_TIMEOUT_SECONDS: int(5, 7200, 600),
}).superRefine((env, ctx) => {
  // Cross-field rules. Reported on the whole environment (not the key) so a secret's value is never echoed.
  const problem = (message: string) => ctx.addIssue({ code: "custom", message, path: [] });
  if (env.AUTH_MODE === "sso" && (env.AUTH_GATEWAY_SECRET?.length ?? 0) < 32) {
    problem("AUTH_MODE=sso requires AUTH_GATEWAY_SECRET (at least 32 characters, e.g. `openssl rand -hex 32`), shared with the gateway");
  }
  if (env.AUTH_MODE === "nextauth") {
    for (const key of ["NEXTAUTH_URL", "AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const) {
      if (!env[key]) problem(`AUTH_MODE=nextauth requires ${key}`);
    }
    if ((env.NEXTAUTH_SECRET?.length ?? 0) < 32) problem("AUTH_MODE=nextauth requires NEXTAUTH_SECRET (at least 32 characters, e.g. `openssl rand -hex 32`)");
  }
});

export type TEnv = z.infer<typeof ZEnv>;
