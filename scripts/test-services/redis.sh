#!/usr/bin/env bash
# Redis: make sure the machine's server answers on 127.0.0.1:6379 (start it without persistence if stopped).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

redis_ready() { [[ $(redis-cli -h "$SB_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

command -v redis-cli >/dev/null || sb_die "redis-cli not found: install redis-server"

state="running"
if ! redis_ready; then
  sb_log "not reachable, starting redis-server"
  sb_as_root mkdir -p /var/lib/redis /var/log/redis
  sb_as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  sb_wait_until 30 "Redis on $SB_HOST:$REDIS_PORT" redis_ready \
    || { tail -n 20 /var/log/redis/ci.log >&2 || true; sb_die "Redis did not become ready"; }
  state="started"
fi
sb_state redis "$state  $SB_HOST:$REDIS_PORT"
