#!/usr/bin/env bash
# Chromium: Debian's `chromium` package for the console's browser tests (driven by playwright-core with
# executablePath /usr/bin/chromium). Only Debian's build: no test tool ever downloads a browser here.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

state="present"
if ! [[ -x /usr/bin/chromium ]]; then
  sb_log "installing Debian's chromium package for the browser tests"
  sb_apt_install chromium || sb_die "apt-get install chromium failed"
  state="installed"
fi
sb_state chromium "$state  $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
