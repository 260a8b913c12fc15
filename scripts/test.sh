#!/usr/bin/env bash
# Runs every test of KneeRehab: builds once, starts a private PostgreSQL when the machine can, then runs
# `swift test`. Usage: scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${KNEEREHAB_TEST_POSTGRES_URL:-}" && -x tools/start-postgres.sh ]]; then
    KNEEREHAB_TEST_POSTGRES_URL=$(tools/start-postgres.sh)
    export KNEEREHAB_TEST_POSTGRES_URL
    trap 'tools/stop-postgres.sh >/dev/null 2>&1 || true' EXIT
fi

swift build --build-tests
swift test --skip-build "$@"
