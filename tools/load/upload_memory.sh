#!/usr/bin/env bash
# The server's resident memory around keypoint uploads, on loopback against a release build: before, the peak while
# one 15.5 MB recording is analysed and while four are sent at once, and a few seconds after.
# usage: tools/load/upload_memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/load/common.sh
load_setup 18181

python3 - "$WORK/big.json" <<'PY'
import json, sys
d = json.load(open("tools/fixtures/motion/synthetic-wall-squat-coco17.json"))
frames, out = d["frames"], []
step = 1 / 30
while len(json.dumps(out)) < 15_000_000:
    for f in frames:
        if f is not None:
            f = dict(f); f["t"] = round(len(out) * step, 4)
        out.append(f)
d["frames"] = out
json.dump(d, open(sys.argv[1], "w"))
PY
echo "recording: $(du -m "$WORK/big.json" | cut -f1) MB"

( cd "$WORK" && exec "$BIN" serve --demo --port "$PORT" --database "$WORK/demo.sqlite" > "$WORK/serve.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 600); do grep -q "Ready in" "$WORK/serve.log" 2>/dev/null && break; sleep 0.05; done
TOKEN="$(curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"email":"margaret@demo.kneerehab.test","password":"demo-knee-2026"}' "$BASE/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
rss() { awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$SERVER/status"; }
peak() { awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$SERVER/status"; }
upload() {
    curl -s -o /dev/null -w '%{http_code} in %{time_total} s\n' -X POST -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data-binary @"$WORK/big.json" "$BASE/api/v1/me/recordings/wall-squat"
}
echo "before: $(rss)"
upload
echo "one upload: peak $(peak), after $(rss)"
uploads=()
for _ in 1 2 3 4; do
    upload &
    uploads+=($!)
done
wait "${uploads[@]}"
echo "four at once: peak $(peak), after $(rss)"
