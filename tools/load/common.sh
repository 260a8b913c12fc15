# The start every load script shares: the release binary (built when missing), a private work folder removed on
# exit together with the server the script started (SERVER), and the loopback address.
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
