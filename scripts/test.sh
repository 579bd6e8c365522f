#!/usr/bin/env bash
# Quick start, command 2: installs what Storeloom and its test peers need,
# builds everything and runs every test. .ci/run calls exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${STORELOOM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/check-node.sh"
"$root/scripts/build.sh"

# The npm packages of the test peers and the bench, each installed from its
# lock file when node_modules is missing or older than package-lock.json:
#   tests/peers/oauth-server  oidc-provider, the OAuth server of tst_oauthflow
#   tests/peers/contracts     graphql and ajv, for the contract checks (Shopify, Etsy)
#   bench/peer                @shopify/admin-api-client, for the peer benchmark
npm_peer() {
  local dir="$root/$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    npm_config_cache="$build/npm-cache" npm ci --prefix "$dir" --no-audit --no-fund
  fi
}
for peer in tests/peers/oauth-server tests/peers/contracts bench/peer; do
  npm_peer "$peer"
done

# Every test runs headless inside one private D-Bus session whose Secret
# Service (gnome-keyring) is unlocked, with a throw-away HOME.
exec "$root/scripts/with-test-peers.sh" \
  ctest --test-dir "$build" --output-on-failure --timeout 600 -j2 "$@"
