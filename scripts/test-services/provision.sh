#!/usr/bin/env bash
# Make this machine ready for the full Switchboard test suite (idempotent; a few seconds when all runs).
#
#   PostgreSQL, Redis, RabbitMQ  the machine's own services: checked, started only if stopped
#   ClickHouse                   test server on 127.0.0.1:8123 (http) / 19000 (native), installed from Debian if missing
#   Keycloak                     dev server on 127.0.0.1:18080 with the "switchboard" realm (deploy/keycloak)
#   Chromium                     Debian's chromium for the console's browser tests, installed if missing
#
# Writes $SWITCHBOARD_SERVICES_DIR/services.env (default /tmp/switchboard-services/services.env) and prints
# one line per service. Exit status is non-zero if a service could not be made ready; a Keycloak
# distribution that cannot be downloaded is not an error (see keycloak.sh and keycloak.unavailable).
# Stop what this started with scripts/test-services/stop.sh. Works unattended (CI=true, no stdin, root).
set -euo pipefail
SB_NAME=provision
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started_at=$SECONDS
exec 9>"$SB_SERVICES_DIR/.provision.lock"
flock -w 900 9 || sb_die "another provision.sh run holds $SB_SERVICES_DIR/.provision.lock"
rm -f "$SB_SERVICES_DIR"/state/*

failed=()
# Children get `9>&-` so that daemons they start do not inherit (and hold) the lock.
run() { # run <service>: run <service>.sh, record a failure instead of aborting
  if ! bash "$SB_SCRIPTS_DIR/$1.sh" </dev/null 9>&-; then
    failed+=("$1")
    sb_state "$1" "FAILED (see the messages above)"
  fi
}

# The machine's services first (fast), then the two slow ones in parallel.
run postgres
run redis
run rabbitmq
run promtool
run chromium
bash "$SB_SCRIPTS_DIR/clickhouse.sh" </dev/null 9>&- & ch_pid=$!
bash "$SB_SCRIPTS_DIR/keycloak.sh" </dev/null 9>&- & kc_pid=$!
wait "$ch_pid" || { failed+=(clickhouse); sb_state clickhouse "FAILED (see the messages above)"; }
wait "$kc_pid" || { failed+=(keycloak); sb_state keycloak "FAILED (see the messages above)"; }

# services.env: KEY=value lines for the test harness (dotenv-compatible and safe to `source`).
env_file="$SB_SERVICES_DIR/services.env"
{
  echo "# Written by scripts/test-services/provision.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Do not edit."
  echo "SWITCHBOARD_SERVICES_DIR=$SB_SERVICES_DIR"
  echo "TEST_DATABASE_URL=postgres://postgres@$SB_HOST:$POSTGRES_PORT/postgres"
  echo "REDIS_URL=redis://$SB_HOST:$REDIS_PORT"
  echo "AMQP_URL=amqp://guest:guest@$SB_HOST:$RABBITMQ_PORT"
  echo "CLICKHOUSE_URL=http://$SB_HOST:$CLICKHOUSE_HTTP_PORT"
  echo "CLICKHOUSE_TCP_PORT=$CLICKHOUSE_TCP_PORT"
  if [[ -f $SB_SERVICES_DIR/keycloak.unavailable ]]; then
    reason=$(head -n1 "$SB_SERVICES_DIR/keycloak.unavailable" | tr -d '"\\$`')
    echo "KEYCLOAK_UNAVAILABLE=\"$reason\""
  else
    echo "KEYCLOAK_URL=http://$SB_HOST:$KEYCLOAK_PORT"
    echo "KEYCLOAK_REALM=$KEYCLOAK_REALM"
    echo "KEYCLOAK_ISSUER=http://$SB_HOST:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM"
    echo "KEYCLOAK_ADMIN_USERNAME=${KEYCLOAK_ADMIN_USERNAME:-admin}"
    echo "KEYCLOAK_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-admin}"
  fi
} >"$env_file.tmp"
mv -f "$env_file.tmp" "$env_file"

echo "Switchboard test services ($(( SECONDS - started_at ))s):"
for s in postgres redis rabbitmq promtool chromium clickhouse keycloak; do
  printf '  %-11s %s\n' "$s" "$(cat "$SB_SERVICES_DIR/state/$s" 2>/dev/null || echo 'unknown')"
done
echo "  env file    $env_file"

if (( ${#failed[@]} )); then
  sb_die "not ready: ${failed[*]}"
fi
