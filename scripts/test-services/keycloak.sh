#!/usr/bin/env bash
# Keycloak: a dev-mode test server on http://127.0.0.1:18080 with the "switchboard" realm imported from
# deploy/keycloak/switchboard-realm.json.
#
# The distribution (org.keycloak:keycloak-quarkus-dist:<version>:zip) is fetched once with Maven into
# $SWITCHBOARD_CACHE_DIR/keycloak/<version> (default $HOME/.cache/switchboard/keycloak/<version>) and unzipped there.
# Log, pid file and the hash of the imported realm live in $SWITCHBOARD_SERVICES_DIR/keycloak.
#
# Idempotent: if the realm's discovery endpoint answers and the running instance imported the current realm
# file, nothing happens. If the realm file changed, Keycloak is restarted on a fresh H2 database so the new
# realm is imported. If the distribution cannot be fetched, the reason goes to
# $SWITCHBOARD_SERVICES_DIR/keycloak.unavailable and the script exits 0 (tests skip Keycloak with that reason).
#
# Env: KEYCLOAK_VERSION (default below), KEYCLOAK_PORT (18080), KEYCLOAK_START_TIMEOUT (420 s: a first start builds Quarkus, minutes on a loaded machine),
#      KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD (master-realm bootstrap admin, default admin/admin).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# 26.7.3 is the newest 26.x served by Maven Central here and still runs on Java 17 (its classes target 17).
KC_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
KC_CACHE="$SB_CACHE_DIR/keycloak/$KC_VERSION"
KC_HOME="$KC_CACHE/keycloak-$KC_VERSION"
KC_DIR="$SB_SERVICES_DIR/keycloak"
KC_PIDFILE="$KC_DIR/keycloak.pid"
KC_HASHFILE="$KC_DIR/realm.sha256"
KC_LOG="$KC_DIR/keycloak.log"
KC_MARKER="$SB_SERVICES_DIR/keycloak.unavailable"
KC_URL="http://$SB_HOST:$KEYCLOAK_PORT"
KC_ISSUER="$KC_URL/realms/$KEYCLOAK_REALM"
KC_DISCOVERY="$KC_ISSUER/.well-known/openid-configuration"
KC_ADMIN_USER="${KEYCLOAK_ADMIN_USERNAME:-admin}"
KC_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
REALM_FILE="$SB_REPO_DIR/deploy/keycloak/switchboard-realm.json"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-420}"
# Bump when the start command below changes in a way that needs a restart.
START_REV=1

mkdir -p "$KC_DIR"

kc_ready() {
  local body
  body=$(curl -s --max-time 3 -f "$KC_DISCOVERY" 2>/dev/null) || return 1
  [[ $body == *"\"issuer\":\"$KC_ISSUER\""* ]]
}

desired_hash() {
  { sb_sha256 "$REALM_FILE"; echo "$KC_VERSION $KEYCLOAK_PORT $KC_ADMIN_USER $KC_ADMIN_PASSWORD rev$START_REV"; } \
    | sha256sum | awk '{print $1}'
}

# unavailable <reason>: record why Keycloak cannot run here, keep the rest of the suite going.
unavailable() {
  local reason=$1
  printf '%s\n' "$reason" >"$KC_MARKER"
  sb_log "UNAVAILABLE: $reason"
  sb_log "reason written to $KC_MARKER; Keycloak tests will be skipped"
  sb_state keycloak "UNAVAILABLE: $(head -n1 "$KC_MARKER")"
  exit 0
}

check_java() {
  command -v java >/dev/null 2>&1 || unavailable "java not found on PATH (Keycloak $KC_VERSION needs Java 17+)"
  local v major
  v=$(java -version 2>&1 | awk -F'"' '/version/ && !seen {print $2; seen=1}')
  major=${v%%.*}
  [[ $major =~ ^[0-9]+$ ]] || unavailable "cannot parse the Java version from 'java -version' ($v)"
  (( major >= 17 )) || unavailable "Java $v found; Keycloak $KC_VERSION needs Java 17+"
}

fetch_distribution() {
  [[ -f $KC_HOME/.switchboard-complete ]] && return 0
  command -v mvn >/dev/null 2>&1 || unavailable "mvn not found on PATH; cannot fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip"
  if ! command -v unzip >/dev/null 2>&1; then
    sb_apt_install unzip || sb_die "unzip is needed to unpack the Keycloak distribution"
  fi
  mkdir -p "$KC_CACHE"
  local tmp log zip err
  tmp=$(mktemp -d "$KC_CACHE/download.XXXXXX")
  log="$tmp/mvn.log"
  sb_log "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with Maven into $KC_CACHE"
  if ! (cd "$tmp" && mvn -B -q dependency:copy \
          "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$tmp") \
        </dev/null >"$log" 2>&1; then
    sb_log "Maven failed; its output:"
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
    err=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -m1 '\[ERROR\]' | sed 's/^\[ERROR\] *//' || true)
    rm -rf "$tmp"
    rmdir "$KC_CACHE" 2>/dev/null || true
    unavailable "Maven could not fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip: ${err:-mvn exited non-zero (no [ERROR] line)}"
  fi
  zip="$tmp/keycloak-quarkus-dist-$KC_VERSION.zip"
  [[ -s $zip ]] || { rm -rf "$tmp"; unavailable "Maven reported success but $zip is missing"; }
  unzip -q "$zip" -d "$tmp/unpacked"
  [[ -x $tmp/unpacked/keycloak-$KC_VERSION/bin/kc.sh ]] || { rm -rf "$tmp"; sb_die "unexpected layout in $zip"; }
  rm -rf "$KC_HOME"
  mv "$tmp/unpacked/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$tmp"
  touch "$KC_HOME/.switchboard-complete"
  sb_log "distribution ready in $KC_HOME"
}

# The java process listening on our port, if it runs from our cached distribution (e.g. pid file lost).
our_orphan_pid() {
  local pid
  pid=$(sb_port_pid "$KEYCLOAK_PORT")
  [[ -n $pid ]] || return 1
  tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null | grep -F -- "$KC_HOME" >/dev/null || return 1
  echo "$pid"
}

stop_ours() {
  local pid
  sb_stop_pidfile "$KC_PIDFILE" keycloak 30
  if pid=$(our_orphan_pid); then
    echo "$pid" >"$KC_PIDFILE"
    sb_stop_pidfile "$KC_PIDFILE" keycloak 30
  fi
  rm -f "$KC_HASHFILE"
}

start_keycloak() {
  local owner hash
  if sb_tcp_open "$KEYCLOAK_PORT"; then
    owner=$(sb_port_pid "$KEYCLOAK_PORT")
    sb_die "port $KEYCLOAK_PORT is taken by another process${owner:+ (pid $owner: $(tr '\0' ' ' </proc/"$owner"/cmdline 2>/dev/null | cut -c1-120))}; set KEYCLOAK_PORT or stop it"
  fi
  hash=$(desired_hash)
  # Fresh H2 database on every start: --import-realm then imports the current realm file.
  rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import" "$KC_HOME/data/transaction-logs"
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/$KEYCLOAK_REALM-realm.json"
  [[ -f $KC_LOG ]] && mv -f "$KC_LOG" "$KC_LOG.previous"
  sb_log "starting $KC_VERSION in dev mode on $KC_URL (log: $KC_LOG)"
  (cd "$KC_DIR" && KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    exec nohup setsid "$KC_HOME/bin/kc.sh" start-dev --import-realm \
      --http-host="$SB_HOST" --http-port="$KEYCLOAK_PORT" --hostname="$KC_URL" \
      >"$KC_LOG" 2>&1 </dev/null) &
  echo $! >"$KC_PIDFILE"
  echo "$hash" >"$KC_HASHFILE"
  wait_ready || sb_die "Keycloak did not become ready"
}

wait_ready() {
  local start=$SECONDS
  until kc_ready; do
    if ! sb_pid_alive "$KC_PIDFILE"; then
      sb_log "the server exited during startup; last log lines ($KC_LOG):"
      tail -n 40 "$KC_LOG" >&2 || true
      if grep -q UnsupportedClassVersionError "$KC_LOG" 2>/dev/null; then
        sb_log "hint: Keycloak $KC_VERSION needs a newer Java; try KEYCLOAK_VERSION=26.4.7"
      fi
      rm -f "$KC_PIDFILE" "$KC_HASHFILE"
      return 1
    fi
    if (( SECONDS - start >= START_TIMEOUT )); then
      sb_log "$KC_DISCOVERY did not answer within ${START_TIMEOUT}s; last log lines ($KC_LOG):"
      tail -n 40 "$KC_LOG" >&2 || true
      return 1
    fi
    sleep 1
  done
  sb_log "ready after $(( SECONDS - start ))s"
}

[[ -f $REALM_FILE ]] || sb_die "realm file not found: $REALM_FILE"

current_hash=$(desired_hash)
running_hash=$(cat "$KC_HASHFILE" 2>/dev/null || true)

if kc_ready; then
  if sb_pid_alive "$KC_PIDFILE" && [[ $running_hash == "$current_hash" ]]; then
    rm -f "$KC_MARKER"
    sb_state keycloak "running  $KC_URL  realm $KEYCLOAK_REALM (current)"
    exit 0
  fi
  if sb_pid_alive "$KC_PIDFILE" || our_orphan_pid >/dev/null; then
    sb_log "the running instance did not import the current realm file (or its version/settings changed); restarting on a fresh database"
    state="restarted (realm changed)"
    stop_ours
  else
    rm -f "$KC_MARKER"
    sb_state keycloak "running (not started by these scripts, realm not checked)  $KC_URL"
    exit 0
  fi
else
  state="started"
  if sb_pid_alive "$KC_PIDFILE" && [[ $running_hash == "$current_hash" ]]; then
    sb_log "our instance (pid $(<"$KC_PIDFILE")) is still starting, waiting"
    if wait_ready; then
      rm -f "$KC_MARKER"
      sb_state keycloak "running  $KC_URL  realm $KEYCLOAK_REALM (current)"
      exit 0
    fi
  fi
  stop_ours
fi

check_java
fetch_distribution
start_keycloak
rm -f "$KC_MARKER"
sb_state keycloak "$state  $KC_URL  realm $KEYCLOAK_REALM  (Keycloak $KC_VERSION)"
