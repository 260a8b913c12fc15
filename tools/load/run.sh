#!/usr/bin/env bash
# Load figures for the README, on loopback against a release build, in one run:
#   GET /health, POST /api/v1/me/sessions (32 connections), a clinician's list of 500 patients,
#   the server's resident memory, and how long `serve --demo` takes to be ready.
# usage: tools/load/run.sh [DURATION_SECONDS]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
BIN="${KNEEREHAB_BINARY:-.build/release/kneerehab}"
[ -x "$BIN" ] || swift build -c release --product kneerehab
BIN="$(realpath "$BIN")"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
WORK="$(mktemp -d)"
PORT="${PORT:-18180}"
BASE="http://127.0.0.1:$PORT"
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== serve --demo: time to ready (fresh database) =="
( cd "$WORK" && exec "$BIN" serve --demo --port "$PORT" --database "$WORK/demo.sqlite" > "$WORK/demo.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 600); do grep -q "Ready in" "$WORK/demo.log" 2>/dev/null && break; sleep 0.05; done
grep "Ready in" "$WORK/demo.log"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

echo "== seeding 500 patients for the demo clinician =="
( cd "$WORK" && exec "$BIN" serve --demo --port "$PORT" --database "$WORK/load.sqlite" > "$WORK/load.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 600); do grep -q "Ready in" "$WORK/load.log" 2>/dev/null && break; sleep 0.05; done
python3 tools/load/seed.py "$BASE" therapist@demo.kneerehab.test demo-knee-2026 494 "$WORK/tokens.txt" "$WORK/clinician.txt"
echo "patients listed: $(curl -s -H "Authorization: Bearer $(cat "$WORK/clinician.txt")" "$BASE/api/v1/patients" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

echo "== GET /health, 32 connections =="
wrk -t2 -c32 -d"${DURATION}s" --latency "$BASE/health" | grep -E "Requests/sec|Latency|99%"
echo "== POST /api/v1/me/sessions, 32 connections =="
TOKENS_FILE="$WORK/tokens.txt" wrk -t2 -c32 -d"${DURATION}s" --latency -s tools/load/post_session.lua "$BASE" \
  | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "== GET /api/v1/patients (500 patients), 32 connections =="
TOKEN_FILE="$WORK/clinician.txt" wrk -t2 -c32 -d"${DURATION}s" --latency -s tools/load/bearer.lua \
  "$BASE/api/v1/patients" | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "== resident memory after the runs =="
grep -E "VmRSS|VmHWM" "/proc/$SERVER/status"
