#!/bin/sh
# The container's entry point: one image, one role per container (see the Dockerfile's header).
# Runs outside a container too (the deploy tests do): APP_ROOT defaults to the project folder around this script,
# WEB_DIR to $APP_ROOT/web (the image's copy of .next/standalone).
set -eu

APP_ROOT="${APP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
WEB_DIR="${WEB_DIR:-$APP_ROOT/web}"
cd "$APP_ROOT"

migrate() {
  node --import tsx scripts/db/migrate.ts deploy
}

role="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$role" in
  web)
    if [ "${MIGRATE_ON_START:-false}" = "true" ]; then migrate; fi
    # The web server binds to $HOSTNAME, which Docker and Kubernetes set to the container's name:
    # bind to every interface instead (WEB_BIND_HOST narrows it), so probes on 127.0.0.1 reach it.
    export HOSTNAME="${WEB_BIND_HOST:-0.0.0.0}"
    # scripts/web-server.ts: the standalone build's Next, with /api/v1 answered before Next's router (as npm start).
    export MB_NEXT_DIR="$WEB_DIR"
    # --max-semi-space-size: as scripts/web-command.ts explains.
    exec node --max-semi-space-size=64 --import tsx --import ./scripts/server-only-hook.mjs scripts/web-server.ts
    ;;
  worker)
    # Same flags as `npm run worker`: react-server makes `import "server-only"` resolve to a no-op.
    export MB_SERVICE=worker
    exec node --import tsx --conditions=react-server worker/index.ts "$@"
    ;;
  migrate)
    migrate
    ;;
  wait-migrations)
    exec node --import tsx scripts/deploy/wait-for-migrations.ts "$@"
    ;;
  healthcheck)
    exec node scripts/deploy/healthcheck.mjs "$@"
    ;;
  *)
    exec "$role" "$@"
    ;;
esac
