#!/usr/bin/env bash
# The whole verification, as CI runs it: provision the test services, typecheck, lint, then every
# test tier (unit, integration against the real services, end-to-end through the entry points).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/test-services/provision.sh

echo "== typecheck"
npm run --silent typecheck
echo "== lint"
# The module-boundary rule reads the Nx project graph; a fresh clone has none cached yet.
npm run --silent lint
echo "== tests"
npx jest --ci "$@"
