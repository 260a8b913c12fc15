#!/usr/bin/env bash
# Extract a real sample video of people moving their legs to DEST.
#
# The clip is the demo video that the Sports2D package ships inside its wheel on PyPI
# (sports2d 0.8.34, BSD-3-Clause licence, (c) 2022 perfanalytics): 7.7 s, 1768x994, 30 fps,
# VP9 in MP4, one person jumping on a roof while another walks past. Only the video is kept;
# the wheel is downloaded to a temporary directory and removed. Nothing else is installed.
#
#   tools/pose-worker/sample_video.sh DEST.mp4        (PYTHON=... to pick the interpreter)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DEST.mp4" >&2
  exit 2
fi
dest=$1
package=sports2d
version=0.8.34
member=Sports2D/Demo/demo.mp4
sha256=d9a66417185647b112304b57093f0c180f37a768e6a14daca75ca541f3b78039

python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" -m pip download --quiet --no-deps --only-binary=:all: "$package==$version" -d "$work"
wheel=$(ls "$work"/*.whl)
"$python" - "$wheel" "$member" "$work/video" <<'EOF'
import shutil, sys, zipfile
wheel, member, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as archive, archive.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
echo "$sha256  $work/video" | sha256sum --check --quiet -
mv "$work/video" "$dest"
