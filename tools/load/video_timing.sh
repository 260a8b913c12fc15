#!/usr/bin/env bash
# How long a phone video takes to measure, on loopback against a release build with the pose worker: a 30-second
# clip (the pose worker's sample, looped and re-encoded at 720 px as a phone would send it) is uploaded three
# times; prints the seconds from the end of the upload to the answer with the measures, the worker's frames per
# second, and the worker's peak resident memory.
# usage: tools/load/video_timing.sh   (needs ffmpeg; sets up the worker with tools/pose-worker/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/load/common.sh
load_setup 18182

while IFS= read -r line; do export "${line?}"; done < <(tools/pose-worker/setup.sh .build-pose)
ffmpeg -loglevel error -stream_loop 4 -i "$KNEEREHAB_TEST_POSE_VIDEO" -t 30 -vf scale=1280:-2 -c:v libx264 \
    -preset veryfast -pix_fmt yuv420p -an "$WORK/clip.mp4"
echo "clip: 30 s, $(du -k "$WORK/clip.mp4" | cut -f1) KiB"

"$BIN" serve --demo --port "$PORT" --database "$WORK/db.sqlite" --pose-python "$KNEEREHAB_TEST_POSE_PYTHON" \
    >"$WORK/server.log" 2>&1 &
SERVER=$!
wait_for_health "$BASE" "$SERVER" "$WORK/server.log"
TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"daniel@demo.kneerehab.test","password":"demo-knee-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
WORKER=$(pgrep -f -P "$SERVER" pose_worker.py)
for run in 1 2 3; do
    # The upload over loopback takes milliseconds, so the whole request's time is the time from the end of the
    # upload to the measures (time_pretransfer: connected and about to send).
    curl -sf -o "$WORK/answer.json" -w '%{time_pretransfer} %{time_total} %{size_upload}\n' \
        -H 'Expect:' -X POST "$BASE/api/v1/me/videos/wall-squat" -H "authorization: Bearer $TOKEN" \
        -H 'content-type: video/mp4' --data-binary @"$WORK/clip.mp4" >"$WORK/times"
    python3 - "$WORK/answer.json" "$WORK/times" "$run" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
start, done, size = map(float, open(sys.argv[2]).read().split())
video = answer["video"]
print(f"run {sys.argv[3]}: {done - start:.1f} s from sending {size / 1e6:.1f} MB to the measures; "
      f"{video['frames']} frames, worker {video['frames'] / video['processingSeconds']:.1f} frames/s; "
      f"reps {answer['result'].get('reps')}, deleted {video['deleted']}")
PY
done
echo "worker peak resident memory: $(grep VmHWM /proc/"$WORKER"/status | awk '{print $2/1024 " MiB"}')"
