#!/usr/bin/env bash
# Quick start, command 2: installs what Storeloom and its test peers need,
# builds everything and runs every test. .ci/run calls exactly this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${STORELOOM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/check-node.sh"
"$root/scripts/build.sh"

# Every test runs headless inside one private D-Bus session whose Secret
# Service (gnome-keyring) is unlocked, with a throw-away HOME.
exec "$root/scripts/with-test-peers.sh" \
  ctest --test-dir "$build" --output-on-failure --timeout 600 -j2 "$@"
