#!/usr/bin/env bash
# Quick start, command 2: installs what Storeloom and its test peers need,
# builds everything and runs every test. .ci/run calls exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${STORELOOM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/check-node.sh"
"$root/scripts/build.sh"

# The OAuth test peer (oidc-provider, tests/peers/oauth-server): installed from
# its lock file when node_modules is missing or older than package-lock.json.
oauth_peer="$root/tests/peers/oauth-server"
if [ ! -f "$oauth_peer/node_modules/.package-lock.json" ] ||
   [ "$oauth_peer/package-lock.json" -nt "$oauth_peer/node_modules/.package-lock.json" ]; then
  npm_config_cache="$build/npm-cache" npm ci --prefix "$oauth_peer" --no-audit --no-fund
fi

# Every test runs headless inside one private D-Bus session whose Secret
# Service (gnome-keyring) is unlocked, with a throw-away HOME.
exec "$root/scripts/with-test-peers.sh" \
  ctest --test-dir "$build" --output-on-failure --timeout 600 -j2 "$@"
