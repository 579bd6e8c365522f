#!/usr/bin/env bash
# Runs a command with the real test peers every test may rely on: a private
# D-Bus session with gnome-keyring as the Secret Service (unlocked with a
# non-empty password: an empty one makes it wait for a graphical prompt),
# a throw-away HOME and headless Qt.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: with-test-peers.sh COMMAND [ARGS...]" >&2; exit 2; }

peer_home="$(mktemp -d "${TMPDIR:-/tmp}/storeloom-test-home.XXXXXX")"
trap 'rm -rf "$peer_home"' EXIT
mkdir -p "$peer_home/runtime" && chmod 700 "$peer_home/runtime"
export HOME="$peer_home" XDG_RUNTIME_DIR="$peer_home/runtime"
export XDG_DATA_HOME="$peer_home/.local/share" XDG_CONFIG_HOME="$peer_home/.config"
export QT_QPA_PLATFORM=offscreen
export STORELOOM_KEYRING_PASSWORD="storeloom-test-$$-$RANDOM"

dbus-run-session -- bash -c '
  set -euo pipefail
  printf %s "$STORELOOM_KEYRING_PASSWORD" |
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-test-peers "$@"
