# The start every load script shares: the release binary (built when missing), a private work folder removed on
# exit together with the server the script started (SERVER), the loopback address, and the wait for a server to answer.
# usage (from the repository's top): source tools/load/common.sh; load_setup DEFAULT_PORT [wrk]
load_setup() {
    BIN="${KNEEREHAB_BINARY:-.build/release/kneerehab}"
    [ -x "$BIN" ] || swift build -c release --product kneerehab
    BIN="$(realpath "$BIN")"
    if [ "${2:-}" = wrk ]; then
        command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
    fi
    WORK="$(mktemp -d)"
    PORT="${PORT:-$1}"
    BASE="http://127.0.0.1:$PORT"
    trap load_cleanup EXIT
}

load_cleanup() {
    [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null
    wait 2>/dev/null || true
    rm -rf "$WORK"
}

# Waits until the server at URL answers /health; if its process PID ends first, prints its LOG and exits 1.
# usage: wait_for_health URL PID LOG
wait_for_health() {
    until curl -sf "$1/health" >/dev/null; do
        kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
        sleep 0.2
    done
}
