#!/usr/bin/env bash
# Stops the cluster tools/start-postgres.sh started and removes its directory.
set -euo pipefail
STATE="${PGSTATE:-/tmp/kneerehab-postgres.state}"
[ -f "$STATE" ] || exit 0
DIR="$(cat "$STATE")"
BIN=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && BIN="$dir"; done
if [ -n "$BIN" ] && [ -d "$DIR/data" ]; then
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$BIN/pg_ctl" --pgdata="$DIR/data" --mode=fast --wait stop >&2 || true
    else
        "$BIN/pg_ctl" --pgdata="$DIR/data" --mode=fast --wait stop >&2 || true
    fi
fi
rm -rf "$DIR" "$STATE"
