#!/usr/bin/env bash
# Load figures for the README, on loopback against a release build, in one run:
#   GET /health, POST /api/v1/me/sessions (32 connections: flat out, paced to 15 % of /health, steady at 500/s), a
#   clinician's list of 500 patients, the server's resident memory, and how long `serve --demo` takes to be ready.
# usage: tools/load/run.sh [DURATION_SECONDS]   (needs wrk: apt-get install -y wrk)
#   KNEEREHAB_SERVE_ARGS adds options to the measured server's `serve`, e.g. "--record-cache 40000".
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
source tools/load/common.sh
load_setup 18180 wrk

echo "== serve --demo: time to ready (fresh database) =="
( cd "$WORK" && exec "$BIN" serve --demo --port "$PORT" --database "$WORK/demo.sqlite" > "$WORK/demo.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 600); do grep -q "Ready in" "$WORK/demo.log" 2>/dev/null && break; sleep 0.05; done
grep "Ready in" "$WORK/demo.log"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

echo "== seeding 500 patients for the demo clinician =="
( cd "$WORK" && exec "$BIN" serve --demo --port "$PORT" --database "$WORK/load.sqlite" ${KNEEREHAB_SERVE_ARGS:-} > "$WORK/load.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 600); do grep -q "Ready in" "$WORK/load.log" 2>/dev/null && break; sleep 0.05; done
python3 tools/load/seed.py "$BASE" therapist@demo.kneerehab.test demo-knee-2026 494 "$WORK/tokens.txt" \
  "$WORK/clinician.txt" "$WORK/tokens-calibrate.txt" "$WORK/tokens-paced.txt"
echo "patients listed: $(curl -s -H "Authorization: Bearer $(cat "$WORK/clinician.txt")" "$BASE/api/v1/patients" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

echo "== GET /health, 32 connections =="
HEALTH="$(wrk -t2 -c32 -d"${DURATION}s" --latency "$BASE/health")"
echo "$HEALTH" | grep -E "Requests/sec|Latency|99%"
HEALTH_RPS="$(echo "$HEALTH" | awk '/Requests\/sec/ {print $2}')"
# Each write test (and the calibration) has its own 100 patients, so each starts from fresh histories.
post() { TOKENS_FILE="$WORK/$2" wrk -t2 -c32 -d"$1" --latency -s tools/load/post_session.lua "$BASE"; }
echo "== POST /api/v1/me/sessions, 32 connections, flat out (peak throughput) =="
post "${DURATION}s" tokens.txt | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "resident memory after it: $(grep VmRSS "/proc/$SERVER/status")"
# Paced: the 32 connections offer 15 % of the /health figure above, plus 6 % so the rate lands above the bar.
# Each connection pauses between an answer and its next request; two 3-second runs find the pause that gives the
# rate (each corrects the pause by the time a request took in the run before).
TARGET="$(python3 -c "print(round($HEALTH_RPS * 0.15 * 1.06))")"
PAUSE="$(python3 -c "print(32000 / $TARGET)")"
for _ in 1 2; do
  RATE="$(PAUSE_MS="$PAUSE" post 3s tokens-calibrate.txt | awk '/Requests\/sec/ {print $2}')"
  PAUSE="$(python3 -c "print(round(max(0.0, $PAUSE + 32000 / $TARGET - 32000 / $RATE), 2))")"
done
echo "== POST /api/v1/me/sessions, 32 connections, paced to $TARGET requests/s (15 % of /health + 6 %; pause $PAUSE ms) =="
PAUSED="$(PAUSE_MS="$PAUSE" post "${DURATION}s" tokens-paced.txt)"
echo "$PAUSED" | grep -E "Requests/sec|Latency|99%|Non-2xx"
python3 -c "print('paced rate: %.1f %% of /health' % (100 * $(echo "$PAUSED" | awk '/Requests\/sec/ {print $2}') / $HEALTH_RPS))"
# Steady: a fixed rate (500 writes/s by default, STEADY_RATE to change it), paced the same way.
STEADY="${STEADY_RATE:-500}"
PAUSE="$(python3 -c "print(32000 / $STEADY)")"
for _ in 1 2; do
  RATE="$(PAUSE_MS="$PAUSE" post 3s tokens-calibrate.txt | awk '/Requests\/sec/ {print $2}')"
  PAUSE="$(python3 -c "print(round(max(0.0, $PAUSE + 32000 / $STEADY - 32000 / $RATE), 2))")"
done
echo "== POST /api/v1/me/sessions, 32 connections, steady at $STEADY requests/s (pause $PAUSE ms) =="
PAUSE_MS="$PAUSE" post "${DURATION}s" tokens-calibrate.txt | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "== GET /api/v1/patients (500 patients), 32 connections =="
TOKEN_FILE="$WORK/clinician.txt" wrk -t2 -c32 -d"${DURATION}s" --latency -s tools/load/bearer.lua \
  "$BASE/api/v1/patients" | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "== resident memory after the runs =="
grep -E "VmRSS|VmHWM" "/proc/$SERVER/status"
