#!/usr/bin/env bash
# Quick start, command 1: installs what Storeloom needs, builds it and starts
# the app on the local SQLite workspace. Arguments go to the app, e.g.
#   scripts/run-app.sh --workspace ~/shop.sqlite
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${STORELOOM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target storeloom storeloom-cli

app="$build/src/app/gui/storeloom"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<TXT
Storeloom is built, but this session has no display to show its window.
  - From a desktop session:        $app
  - Headless, in a virtual screen: xvfb-run -a $app
  - The command line works anywhere: $build/src/app/cli/storeloom-cli --help
TXT
  exit 0
fi
exec "$app" "$@"
