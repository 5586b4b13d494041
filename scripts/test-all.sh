#!/usr/bin/env bash
# The whole verification, as CI runs it: provision the test services, typecheck, lint, then every
# test tier (unit, integration against the real services, end-to-end through the entry points).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/test-services/provision.sh

echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== lint"
NX_DAEMON=false npx eslint . --max-warnings=0
echo "== tests"
npx jest --ci "$@"
