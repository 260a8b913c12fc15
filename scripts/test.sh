#!/usr/bin/env bash
# Runs every test of KneeRehab: builds once, starts a private PostgreSQL when the machine can, runs
# `swift test`, checks the OpenAPI document and runs schemathesis against it, runs the cluster test (nginx and
# three instances, when nginx is installed), then drives the web app in a real headless browser.
# Usage: scripts/test.sh [extra swift test arguments]
#   KNEEREHAB_SKIP_CLUSTER=1   leave out the cluster test
#   KNEEREHAB_SKIP_BROWSER=1   leave out the browser tests (they install Chromium when it is missing)
#   KNEEREHAB_SKIP_SCHEMATHESIS=1   leave out the schema-driven API tests
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${KNEEREHAB_TEST_POSTGRES_URL:-}" && -x tools/start-postgres.sh ]]; then
    KNEEREHAB_TEST_POSTGRES_URL=$(tools/start-postgres.sh)
    export KNEEREHAB_TEST_POSTGRES_URL
    trap 'tools/stop-postgres.sh >/dev/null 2>&1 || true' EXIT
fi

swift build --build-tests
swift test --skip-build "$@"

python3 tools/check_openapi.py

# Schema-driven API tests: schemathesis over every operation of /openapi.json, as a clinician and as a patient.
if [[ "${KNEEREHAB_SKIP_SCHEMATHESIS:-0}" != 1 ]]; then
    KNEEREHAB_BINARY="$(swift build --show-bin-path)/kneerehab" tools/schemathesis/run.sh
fi

# Three instances on one PostgreSQL behind nginx: the journey, shared state, faults under load (about a minute).
if [[ "${KNEEREHAB_SKIP_CLUSTER:-0}" != 1 ]] && { command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]]; }; then
    python3 tools/cluster/test_cluster.py "$(swift build --show-bin-path)/kneerehab"
fi

if [[ "${KNEEREHAB_SKIP_BROWSER:-0}" != 1 ]]; then
    KNEEREHAB_BINARY="$(swift build --show-bin-path)/kneerehab" tools/browser/run.sh
fi
