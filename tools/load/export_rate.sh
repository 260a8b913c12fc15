#!/usr/bin/env bash
# The FHIR export of one 180-day patient through the API against `GET …/record` of the same patient, in one run,
# on loopback against a release build (issue goal: the export at least half the record's requests per second).
# usage: tools/load/export_rate.sh [DURATION_SECONDS]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
source tools/load/common.sh
load_setup 18183 wrk

"$BIN" serve --demo --port "$PORT" --database "$WORK/db.sqlite" >"$WORK/server.log" 2>&1 &
SERVER=$!
until curl -sf "$BASE/health" >/dev/null; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.2
done
# A patient operated 180 days ago with a session and a check-in every day since.
PATIENT=$(python3 - "$BASE" "$WORK/clinician.txt" <<'PY'
import datetime, json, sys, urllib.request
base, clinician_file = sys.argv[1:3]
def call(path, body=None, token=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response: return json.loads(response.read())
clinician = call("/api/v1/auth/login", {"email": "therapist@demo.kneerehab.test", "password": "demo-knee-2026"})["token"]
open(clinician_file, "w").write(clinician + "\n")
today = datetime.date.today()
start = today - datetime.timedelta(days=180)
created = call("/api/v1/patients", {"name": "Export Patient", "email": "export@load.test",
               "surgery": {"kind": "total-knee-replacement", "side": "left", "date": start.isoformat()}}, clinician)
patient = call("/api/v1/auth/claim", {"inviteCode": created["inviteCode"], "password": "load-test-password"})["token"]
for offset in range(1, 181):
    day = (start + datetime.timedelta(days=offset)).isoformat()
    plan = call("/api/v1/me/plan?date=" + day, token=patient)
    done = [{"id": e["id"], "sets": e.get("sets"), "reps": e.get("reps"), "painDuring": 2, "difficulty": "right"}
            for e in plan["exercises"] if e.get("category") != "recovery" and e.get("change") != "pause"]
    call("/api/v1/me/sessions", {"date": day, "painAfter": 2, "exercises": done}, patient)
    call("/api/v1/me/checkins", {"date": day, "painMorning": 2, "swelling": "mild"}, patient)
print(created["id"])
PY
)
# The server's CPU time (user and system, in clock ticks of 10 ms) from /proc.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
for path in record "export?as=fhir"; do
    echo "== GET /api/v1/patients/{id}/$path, 8 connections =="
    echo "size: $(curl -s -H "Authorization: Bearer $(cat "$WORK/clinician.txt")" "$BASE/api/v1/patients/$PATIENT/$path" | wc -c) bytes"
    BEFORE=$(cpu_ticks)
    OUT=$(TOKEN_FILE="$WORK/clinician.txt" wrk -t2 -c8 -d"${DURATION}s" --latency -s tools/load/bearer.lua \
        "$BASE/api/v1/patients/$PATIENT/$path")
    AFTER=$(cpu_ticks)
    echo "$OUT" | grep -E "Requests/sec|99%|Non-2xx"
    REQUESTS=$(echo "$OUT" | awk '/requests in/ {print $1}')
    python3 -c "print('server CPU per request: %.1f ms' % (($AFTER - $BEFORE) * 10 / $REQUESTS))"
done
