#!/usr/bin/env bash
# RabbitMQ: make sure the machine's broker accepts AMQP on 127.0.0.1:5672 (guest/guest); start it if stopped.
# The AMQP listener opens only after the broker has booted, so a TCP check is a cheap readiness probe.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

amqp_ready() { sb_tcp_open "$RABBITMQ_PORT"; }

state="running"
if ! amqp_ready; then
  command -v rabbitmq-server >/dev/null || sb_die "RabbitMQ is not reachable on $SB_HOST:$RABBITMQ_PORT and rabbitmq-server is not installed"
  sb_log "not reachable, starting rabbitmq-server -detached"
  sb_as_root rabbitmq-server -detached || true
  # await_startup blocks until the node has booted (or fails fast if it never started); then check the port.
  sb_as_root timeout 120 rabbitmqctl -q await_startup --timeout 110 >/dev/null 2>&1 || true
  sb_wait_until 120 "RabbitMQ AMQP on $SB_HOST:$RABBITMQ_PORT" amqp_ready \
    || { tail -n 30 /var/log/rabbitmq/*.log 2>/dev/null >&2 || true; sb_die "RabbitMQ did not become ready"; }
  state="started"
fi
sb_state rabbitmq "$state  $SB_HOST:$RABBITMQ_PORT"
