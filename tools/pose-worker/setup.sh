#!/usr/bin/env bash
# Makes the pose worker's virtual environment and fetches the sample clip, for the tests. Prints two lines,
# `KNEEREHAB_TEST_POSE_PYTHON=…` and `KNEEREHAB_TEST_POSE_VIDEO=…`, or nothing (with the reason on standard error)
# when mediapipe cannot be installed here, in which case the video tests skip themselves.
#   tools/pose-worker/setup.sh DIR
set -euo pipefail
dir=${1:?usage: setup.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
if [[ ! -x "$dir/venv/bin/python" ]]; then
    python3 -m venv "$dir/venv"
fi
if ! "$dir/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$here/requirements.txt" >&2; then
    echo "pose worker: mediapipe could not be installed; the video tests will skip" >&2
    exit 0
fi
if [[ ! -s "$dir/sample.mp4" ]]; then
    PYTHON="$dir/venv/bin/python" "$here/sample_video.sh" "$dir/sample.mp4" >&2
fi
echo "KNEEREHAB_TEST_POSE_PYTHON=$dir/venv/bin/python"
echo "KNEEREHAB_TEST_POSE_VIDEO=$dir/sample.mp4"
