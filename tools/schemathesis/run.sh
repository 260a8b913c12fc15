#!/usr/bin/env bash
# Schema-driven API tests: schemathesis (pinned in requirements.txt, in its own virtual environment) against the
# server's /openapi.json, every operation, as a clinician and as a patient, a few examples each.
# Usage: tools/schemathesis/run.sh [MAX_EXAMPLES]   (KNEEREHAB_BINARY: the built server; default the debug build)
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${SCHEMATHESIS_VENV:-.build-schemathesis}"
if [[ ! -x "$VENV/bin/st" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r tools/schemathesis/requirements.txt
fi
BINARY="${KNEEREHAB_BINARY:-$(swift build --show-bin-path)/kneerehab}"
"$VENV/bin/python" tools/schemathesis/run.py "$BINARY" --max-examples "${1:-5}"
