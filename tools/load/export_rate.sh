#!/usr/bin/env bash
# The FHIR export of one 180-day patient through the API against `GET …/record` of the same patient, in one run,
# on loopback against a release build (issue goal: the export at least half the record's requests per second).
# The two alternate, ROUNDS times each, so a change in the machine's speed during the run falls on both; the last
# line is the median of the rounds' ratios.
# usage: tools/load/export_rate.sh [DURATION_SECONDS [ROUNDS]]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
ROUNDS="${2:-3}"
source tools/load/common.sh
load_setup 18183 wrk

"$BIN" serve --demo --port "$PORT" --database "$WORK/db.sqlite" >"$WORK/server.log" 2>&1 &
SERVER=$!
wait_for_health "$BASE" "$SERVER" "$WORK/server.log"
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
    echo "size of $path: $(curl -s -H "Authorization: Bearer $(cat "$WORK/clinician.txt")" "$BASE/api/v1/patients/$PATIENT/$path" | wc -c) bytes"
done
RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
    declare -A RATE=()
    for path in record "export?as=fhir"; do
        BEFORE=$(cpu_ticks)
        OUT=$(TOKEN_FILE="$WORK/clinician.txt" wrk -t2 -c8 -d"${DURATION}s" --latency -s tools/load/bearer.lua \
            "$BASE/api/v1/patients/$PATIENT/$path")
        AFTER=$(cpu_ticks)
        if echo "$OUT" | grep -q "Non-2xx"; then echo "$OUT"; exit 1; fi
        REQUESTS=$(echo "$OUT" | awk '/requests in/ {print $1}')
        RATE[$path]=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
        echo "round $round, GET …/$path, 8 connections: ${RATE[$path]} requests/s, p99 $(echo "$OUT" | awk '$1 == "99%" {print $2}'), server CPU $(python3 -c "print('%.1f' % (($AFTER - $BEFORE) * 10 / $REQUESTS))") ms per request"
    done
    RATIOS+=("$(python3 -c "print('%.1f' % (100 * ${RATE[export?as=fhir]} / ${RATE[record]}))")")
    echo "round $round: the export at ${RATIOS[-1]} % of the record"
done
echo "median over $ROUNDS rounds: the export at $(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}') % of the record"
