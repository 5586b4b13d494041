#!/usr/bin/env bash
# promtool: Prometheus's checker, from Debian's `prometheus` package (the tests check the config,
# the alert rules and a scraped /metrics page with it). Only the tool is wanted: the package's own
# server is not started (sb_apt_install blocks service starts during the install).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

state="present"
if ! command -v promtool >/dev/null; then
  sb_log "installing Debian's prometheus package for promtool"
  sb_apt_install prometheus || sb_die "apt-get install prometheus failed"
  state="installed"
fi
sb_state promtool "$state  $(promtool --version 2>&1 | head -n1)"
