#!/usr/bin/env bash
# Runs a command with the real test peers the tests rely on, all on 127.0.0.1
# and all gone afterwards:
#  - a private D-Bus session with gnome-keyring as the Secret Service, unlocked
#    with a non-empty password (an empty one waits for a graphical prompt);
#  - a private PostgreSQL 15 cluster (STORELOOM_TEST_PG_PORT, user postgres);
#  - a throw-away HOME and headless Qt.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: with-test-peers.sh COMMAND [ARGS...]" >&2; exit 2; }

peer_home="$(mktemp -d "${TMPDIR:-/tmp}/storeloom-test-home.XXXXXX")"
pg_root="$(mktemp -d "${TMPDIR:-/tmp}/storeloom-test-pg.XXXXXX")"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pg_root"
  as_postgres=(runuser -u postgres --)
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$pg_bin/pg_ctl" ] || { echo "with-test-peers: PostgreSQL is missing; run scripts/install-deps.sh" >&2; exit 1; }

stop_peers() {
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$peer_home" "$pg_root"
}
trap stop_peers EXIT

"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_root/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$pg_root/initdb.log" 2>&1 || { cat "$pg_root/initdb.log" >&2; exit 1; }
started=""
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 20000))
  if "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 30 \
       -o "-p $port -k $pg_root -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
    started=yes
    break
  fi
done
[ -n "$started" ] || { echo "with-test-peers: PostgreSQL did not start:" >&2; cat "$pg_root/server.log" >&2; exit 1; }
export STORELOOM_TEST_PG_PORT="$port"
echo "with-test-peers: PostgreSQL on 127.0.0.1:$port"

mkdir -p "$peer_home/runtime" && chmod 700 "$peer_home/runtime"
export HOME="$peer_home" XDG_RUNTIME_DIR="$peer_home/runtime"
export XDG_DATA_HOME="$peer_home/.local/share" XDG_CONFIG_HOME="$peer_home/.config"
export QT_QPA_PLATFORM=offscreen
export STORELOOM_KEYRING_PASSWORD="storeloom-test-$$-$RANDOM"

status=0
dbus-run-session -- bash -c '
  set -euo pipefail
  printf %s "$STORELOOM_KEYRING_PASSWORD" |
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-test-peers "$@" || status=$?
exit "$status"
