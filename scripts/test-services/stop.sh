#!/usr/bin/env bash
# Stop the ClickHouse and Keycloak test servers started by provision.sh (by their pid files).
# The machine's PostgreSQL, Redis and RabbitMQ are left running.
#   --purge   also delete $SWITCHBOARD_SERVICES_DIR (ClickHouse data, logs, services.env).
#             The downloaded Keycloak distribution in $SWITCHBOARD_CACHE_DIR is kept.
set -euo pipefail
SB_NAME=stop
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  *) sb_die "usage: $0 [--purge]" ;;
esac

sb_stop_pidfile "$SB_SERVICES_DIR/keycloak/keycloak.pid" keycloak 30
rm -f "$SB_SERVICES_DIR/keycloak/realm.sha256" "$SB_SERVICES_DIR/state/keycloak"
sb_stop_pidfile "$SB_SERVICES_DIR/clickhouse/clickhouse.pid" clickhouse 30
rm -f "$SB_SERVICES_DIR/clickhouse/config.sha256" "$SB_SERVICES_DIR/state/clickhouse"

if (( purge )); then
  case "$SB_SERVICES_DIR" in
    /|"$HOME"|/tmp) sb_die "refusing to delete $SB_SERVICES_DIR" ;;
  esac
  rm -rf "$SB_SERVICES_DIR"
  echo "stopped ClickHouse and Keycloak; deleted $SB_SERVICES_DIR"
else
  echo "stopped ClickHouse and Keycloak (data kept in $SB_SERVICES_DIR; --purge deletes it)"
fi
