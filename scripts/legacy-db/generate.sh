#!/usr/bin/env bash
# Generates the LegacyDB (old schema, realistic mess) for development and load tests.
#   scripts/legacy-db/generate.sh [--url postgres://...] [--clients 100000] [--orders 300000] [--seed 1]
# Default URL: $LEGACY_DATABASE_URL, else switchboard_legacy on the local test PostgreSQL.
# The database is created if missing; its legacy_* tables are replaced.
set -euo pipefail
cd "$(dirname "$0")/../.."

args=("$@")
if [[ " ${args[*]-} " != *" --url "* ]]; then
  args+=(--url "${LEGACY_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/switchboard_legacy}")
fi

npm run --silent build
exec node dist/libs/customers/infrastructure/src/legacy/generate-legacy-db.cli.js "${args[@]}"
