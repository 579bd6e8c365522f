#!/usr/bin/env bash
# The npm test peers (OAuth server, contract checkers, Medusa) need Node.js
# >= 20 and npm. Debian 12's own nodejs (18) is too old, so this only checks.
set -euo pipefail
required=20
if ! command -v node >/dev/null 2>&1; then
  echo "check-node: Node.js >= $required is missing (node not on PATH). Install Node.js $required or newer with npm." >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt "$required" ]; then
  echo "check-node: Node.js $(node --version) is too old; the test peers need >= $required." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "check-node: npm is missing (Node.js $(node --version) is present). Install npm for that Node.js." >&2
  exit 1
fi
echo "check-node: node $(node --version), npm $(npm --version)"
