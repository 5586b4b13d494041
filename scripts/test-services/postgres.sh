#!/usr/bin/env bash
# PostgreSQL: make sure the machine's cluster answers on 127.0.0.1:5432 and pg_trgm is available.
# Per-test-run databases are created by the test harness, not here.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pg_ready() { pg_isready -q -h "$SB_HOST" -p "$POSTGRES_PORT" -t 2; }

command -v pg_isready >/dev/null || sb_die "pg_isready not found: install postgresql-client (and a PostgreSQL server)"

state="running"
if ! pg_ready; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1 || true)
  [[ -n $version ]] || sb_die "PostgreSQL is not reachable on $SB_HOST:$POSTGRES_PORT and no cluster exists under /etc/postgresql"
  sb_log "not reachable, starting cluster $version/main"
  sb_as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  sb_wait_until 60 "PostgreSQL on $SB_HOST:$POSTGRES_PORT" pg_ready \
    || sb_die "PostgreSQL did not become ready; see /var/log/postgresql/"
  state="started"
fi

trgm_query="select default_version from pg_available_extensions where name='pg_trgm'"
trgm=$(psql -X -q -At -h "$SB_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -c "$trgm_query")
if [[ -z $trgm ]]; then
  version=$(psql -X -At -h "$SB_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -c "show server_version_num" | cut -c1-2)
  sb_log "pg_trgm not available, installing postgresql-contrib"
  sb_apt_install "postgresql-contrib-$version" || sb_apt_install postgresql-contrib \
    || sb_die "could not install postgresql-contrib (needed for pg_trgm)"
  trgm=$(psql -X -q -At -h "$SB_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -c "$trgm_query")
  [[ -n $trgm ]] || sb_die "pg_trgm is still not available after installing postgresql-contrib"
fi

sb_state postgres "$state  $SB_HOST:$POSTGRES_PORT  (pg_trgm $trgm available)"
