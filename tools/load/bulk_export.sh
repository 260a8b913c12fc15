#!/usr/bin/env bash
# Bulk FHIR NDJSON of a clinic, with a release build: N patients, each operated 180 days ago with a session and a
# check-in every day since (seeded through the API), exported by `kneerehab export --all --as ndjson`; prints the
# megabytes written, the seconds, MB/s and the peak resident memory (GNU time), for each N given. MB/s is given per
# second of wall time and per second of the process's CPU time (user + system): on a machine that other work keeps
# busy the wall time also counts the time spent waiting for a core.
# usage: tools/load/bulk_export.sh N [N ...]   (needs /usr/bin/time: apt-get install -y time)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/load/common.sh
load_setup 18184
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
for N in "$@"; do
    RUN="$WORK/$N"
    mkdir "$RUN"
    "$BIN" serve --demo --port "$PORT" --database "$RUN/db.sqlite" >"$RUN/server.log" 2>&1 &
    SERVER=$!
    wait_for_health "$BASE" "$SERVER" "$RUN/server.log"
    python3 - "$BASE" "$N" <<'PY'
import datetime, json, sys, urllib.request
base, count = sys.argv[1], int(sys.argv[2])
def call(path, body=None, token=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     method="GET" if body is None else "POST")
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response: return json.loads(response.read())
clinician = call("/api/v1/auth/login", {"email": "therapist@demo.kneerehab.test", "password": "demo-knee-2026"})["token"]
start = datetime.date.today() - datetime.timedelta(days=180)
for index in range(count):
    created = call("/api/v1/patients", {"name": "Bulk %d" % index, "email": "bulk-%d@load.test" % index,
                   "surgery": {"kind": "total-knee-replacement", "side": "left", "date": start.isoformat()}}, clinician)
    patient = call("/api/v1/auth/claim", {"inviteCode": created["inviteCode"], "password": "load-test-password"})["token"]
    for offset in range(1, 181):
        day = (start + datetime.timedelta(days=offset)).isoformat()
        call("/api/v1/me/sessions", {"date": day, "painAfter": 2, "exercises": [
            {"id": "quad-set", "sets": 2, "reps": 10, "painDuring": 1, "difficulty": "right"},
            {"id": "heel-slide", "sets": 2, "reps": 10, "painDuring": 2, "difficulty": "right"}]}, patient)
        call("/api/v1/me/checkins", {"date": day, "painMorning": 2, "swelling": "mild"}, patient)
PY
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    /usr/bin/time -f "%e %U %S %M" -o "$RUN/time" "$BIN" export --all --as ndjson "$RUN/out" --database "$RUN/db.sqlite" \
        >/dev/null
    read -r SECONDS_TAKEN USER_SECONDS SYSTEM_SECONDS PEAK_KB <"$RUN/time"
    MB=$(du -sm "$RUN/out" | cut -f1)
    python3 -c "cpu = $USER_SECONDS + $SYSTEM_SECONDS; print(f'$N patients (+6 demo): {$MB} MB in {$SECONDS_TAKEN} s \
= {$MB / $SECONDS_TAKEN:.1f} MB/s; {cpu:.2f} s CPU = {$MB / cpu:.1f} MB/s per core; peak {$PEAK_KB / 1024:.0f} MiB')"
    rm -rf "$RUN"
done
