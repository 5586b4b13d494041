# shellcheck shell=bash
# Shared helpers for scripts/test-services/*.sh. Source it; do not run it.
#
# Everything a test run needs lives in SWITCHBOARD_SERVICES_DIR (default /tmp/switchboard-services):
#   services.env            KEY=value lines for the test harness (written by provision.sh)
#   state/<service>         one-line state of each service from the last provision run
#   clickhouse/             generated config, data, logs, tmp, pid of the ClickHouse test server
#   keycloak/               log, pid and realm hash of the Keycloak test server
#   keycloak.unavailable    present only if the Keycloak distribution could not be obtained
# Downloads are cached outside the repository in SWITCHBOARD_CACHE_DIR (default $HOME/.cache/switchboard).

SB_SERVICES_DIR="${SWITCHBOARD_SERVICES_DIR:-/tmp/switchboard-services}"
SB_CACHE_DIR="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
SB_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SB_REPO_DIR="$(cd "$SB_SCRIPTS_DIR/../.." && pwd)"

# Fixed local endpoints (override with env only if you know why).
SB_HOST=127.0.0.1
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-19000}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-18080}"
KEYCLOAK_REALM=switchboard

mkdir -p "$SB_SERVICES_DIR/state"

# Messages go to stderr, prefixed with the service name (the calling script's name unless SB_NAME is set).
SB_NAME="${SB_NAME:-$(basename "$0" .sh)}"
sb_log() { printf '[%s] %s\n' "$SB_NAME" "$*" >&2; }
sb_die() { printf '[%s] ERROR: %s\n' "$SB_NAME" "$*" >&2; exit 1; }

# sb_state <service> <text>: remember the one-line state for provision.sh's summary.
sb_state() { printf '%s\n' "$2" >"$SB_SERVICES_DIR/state/$1"; }

# sb_tcp_open <port>: true if something accepts TCP connections on 127.0.0.1:<port>.
sb_tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$SB_HOST/$1" 2>/dev/null; }

# sb_wait_until <timeout-seconds> <description> <command...>: poll every second until the command succeeds.
sb_wait_until() {
  local limit=$1 what=$2; shift 2
  local start=$SECONDS
  until "$@"; do
    if (( SECONDS - start >= limit )); then
      sb_log "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 1
  done
}

# sb_pid_alive <pidfile>: true if the pid file names a live process.
sb_pid_alive() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# sb_port_pid <port>: pid of the process listening on 127.0.0.1/any:<port>, empty if unknown.
sb_port_pid() {
  ss -ltnpH "sport = :$1" 2>/dev/null | awk 'match($0, /pid=[0-9]+/) && !seen {print substr($0, RSTART+4, RLENGTH-4); seen=1}' || true
}

# sb_stop_pidfile <pidfile> <name> [grace-seconds]: TERM the process group started by us, then KILL.
sb_stop_pidfile() {
  local pidfile=$1 name=$2 grace=${3:-30} pid
  if ! sb_pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(<"$pidfile")
  sb_log "stopping $name (pid $pid)"
  # Our daemons are started with setsid, so the pid is also the process-group id.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local start=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS - start >= grace )); then
      sb_log "$name did not stop within ${grace}s, killing"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
}

# sb_as_root <command...>: run as root (directly, or through sudo when available).
sb_as_root() {
  if (( EUID == 0 )); then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else sb_die "need root (or passwordless sudo) to run: $*"
  fi
}

sb_apt_updated=0
# sb_apt_install <package...>: install Debian packages non-interactively; apt-get update once, only when needed.
# Output goes to $SB_SERVICES_DIR/apt.log (its tail is printed on failure). Packaged services are not
# auto-started (policy-rc.d denies it during the install): the scripts start their own instances.
sb_apt_install() {
  local policy=/usr/sbin/policy-rc.d created_policy=0 rc=0 aptlog="$SB_SERVICES_DIR/apt.log"
  if [[ ! -e $policy ]]; then
    sb_as_root sh -c "printf '#!/bin/sh\\nexit 101\\n' > $policy && chmod 755 $policy"
    created_policy=1
  fi
  if (( sb_apt_updated == 0 )); then
    sb_log "apt-get update (log: $aptlog)"
    sb_as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -q \
      >>"$aptlog" 2>&1 </dev/null || rc=$?
    sb_apt_updated=1
  fi
  if (( rc == 0 )); then
    sb_log "apt-get install $* (log: $aptlog)"
    sb_as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q \
      --no-install-recommends "$@" >>"$aptlog" 2>&1 </dev/null || rc=$?
  fi
  if (( created_policy )); then sb_as_root rm -f "$policy"; fi
  if (( rc != 0 )); then
    sb_log "apt-get failed (exit $rc); last lines of $aptlog:"
    tail -n 25 "$aptlog" >&2 || true
  fi
  return "$rc"
}

sb_sha256() { sha256sum "$@" | awk '{print $1}' | sha256sum | awk '{print $1}'; }
