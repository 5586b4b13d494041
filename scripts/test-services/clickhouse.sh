#!/usr/bin/env bash
# ClickHouse: a throw-away test server on 127.0.0.1 (HTTP 8123, native 19000) with data, logs and tmp in
# $SWITCHBOARD_SERVICES_DIR/clickhouse. Installs Debian's clickhouse-server/clickhouse-client if missing.
# Idempotent: does nothing when the server already answers /ping with the current config.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CH_DIR="$SB_SERVICES_DIR/clickhouse"
CH_PIDFILE="$CH_DIR/clickhouse.pid"
CH_HASHFILE="$CH_DIR/config.sha256"
CH_TEMPLATES="$SB_SCRIPTS_DIR/clickhouse"
CH_URL="http://$SB_HOST:$CLICKHOUSE_HTTP_PORT"
START_TIMEOUT="${CLICKHOUSE_START_TIMEOUT:-60}"

ch_ready() { [[ $(curl -s --max-time 2 "$CH_URL/ping" 2>/dev/null) == Ok* ]]; }
ch_version() { curl -s --max-time 5 "$CH_URL/" --data-binary 'SELECT version()' 2>/dev/null; }
config_hash() {
  { sb_sha256 "$CH_TEMPLATES/config.xml" "$CH_TEMPLATES/users.xml"; echo "$CLICKHOUSE_HTTP_PORT $CLICKHOUSE_TCP_PORT $CH_DIR"; } \
    | sha256sum | awk '{print $1}'
}

ensure_installed() {
  if command -v clickhouse-server >/dev/null 2>&1 && command -v clickhouse-client >/dev/null 2>&1; then
    return 0
  fi
  sb_log "installing clickhouse-server and clickhouse-client from Debian"
  sb_apt_install clickhouse-server clickhouse-client || sb_die "apt-get install clickhouse-server clickhouse-client failed"
  command -v clickhouse-server >/dev/null 2>&1 || sb_die "clickhouse-server is still not on PATH after installation"
}

render() { # render <template> <target>
  sed -e "s|@CLICKHOUSE_DIR@|$CH_DIR|g" -e "s|@HTTP_PORT@|$CLICKHOUSE_HTTP_PORT|g" -e "s|@TCP_PORT@|$CLICKHOUSE_TCP_PORT|g" \
    "$1" >"$2"
}

start_server() {
  local owner
  if sb_tcp_open "$CLICKHOUSE_HTTP_PORT" || sb_tcp_open "$CLICKHOUSE_TCP_PORT"; then
    owner=$(sb_port_pid "$CLICKHOUSE_HTTP_PORT"); owner=${owner:-$(sb_port_pid "$CLICKHOUSE_TCP_PORT")}
    sb_die "port $CLICKHOUSE_HTTP_PORT or $CLICKHOUSE_TCP_PORT is taken by another process${owner:+ (pid $owner: $(tr '\0' ' ' </proc/"$owner"/cmdline 2>/dev/null | cut -c1-120))}, but it is not a ClickHouse answering /ping"
  fi
  mkdir -p "$CH_DIR/etc" "$CH_DIR/data" "$CH_DIR/log" "$CH_DIR/tmp" "$CH_DIR/user_files" "$CH_DIR/format_schemas"
  render "$CH_TEMPLATES/config.xml" "$CH_DIR/etc/config.xml"
  render "$CH_TEMPLATES/users.xml" "$CH_DIR/etc/users.xml"
  sb_log "starting server (http $CLICKHOUSE_HTTP_PORT, native $CLICKHOUSE_TCP_PORT, dir $CH_DIR)"
  # Foreground server in its own session, detached from this shell; the pid file is ours.
  (cd "$CH_DIR" && exec nohup setsid clickhouse-server --config-file="$CH_DIR/etc/config.xml" \
    >"$CH_DIR/log/stdout.log" 2>&1 </dev/null) &
  echo $! >"$CH_PIDFILE"
  config_hash >"$CH_HASHFILE"
  local start=$SECONDS
  until ch_ready; do
    if ! sb_pid_alive "$CH_PIDFILE"; then
      sb_log "server exited during startup; last log lines:"
      tail -n 30 "$CH_DIR/log/clickhouse-server.err.log" "$CH_DIR/log/stdout.log" >&2 2>/dev/null || true
      rm -f "$CH_PIDFILE"
      sb_die "ClickHouse failed to start"
    fi
    if (( SECONDS - start >= START_TIMEOUT )); then
      tail -n 30 "$CH_DIR/log/clickhouse-server.err.log" "$CH_DIR/log/stdout.log" >&2 2>/dev/null || true
      sb_die "ClickHouse did not answer $CH_URL/ping within ${START_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

mkdir -p "$CH_DIR"
state=""
if ch_ready; then
  if sb_pid_alive "$CH_PIDFILE"; then
    if [[ -f $CH_HASHFILE && $(<"$CH_HASHFILE") == "$(config_hash)" ]]; then
      state="running"
    else
      sb_log "config changed, restarting (data kept)"
      sb_stop_pidfile "$CH_PIDFILE" clickhouse 30
      ensure_installed
      start_server
      state="restarted (config changed)"
    fi
  else
    state="running (not started by these scripts, left alone)"
  fi
else
  if sb_pid_alive "$CH_PIDFILE"; then
    sb_log "our server (pid $(<"$CH_PIDFILE")) is not answering yet, waiting"
    if ! sb_wait_until 30 "ClickHouse $CH_URL/ping" ch_ready; then
      sb_stop_pidfile "$CH_PIDFILE" clickhouse 30
    fi
  fi
  if ch_ready; then
    state="running"
  else
    ensure_installed
    start_server
    state="started"
  fi
fi

version=$(ch_version | tr -d '\r\n')
[[ -n $version ]] || sb_die "ClickHouse answers /ping but not SELECT version()"
sb_state clickhouse "$state  $CH_URL (http), $SB_HOST:$CLICKHOUSE_TCP_PORT (native)  version $version"
