#!/usr/bin/env bash
# Cluster figures, in one run: session writes (POST /api/v1/me/sessions, 32 connections, flat out) through nginx
# to three instances on one PostgreSQL, against one of those instances without the proxy, each with 100 fresh
# patients; then through nginx at a steady rate for the latency.
# usage: tools/cluster/measure.sh [DURATION_SECONDS]   (KNEEREHAB_BINARY: default the release build)
# Sign-out propagation and recovery after a kill come from tools/cluster/test_cluster.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
export KNEEREHAB_BINARY="${KNEEREHAB_BINARY:-.build/release/kneerehab}"
eval "$(tools/cluster/start.sh)"
WORK="$(mktemp -d)"
trap 'tools/cluster/stop.sh "$KNEEREHAB_CLUSTER_DIR"; rm -rf "$WORK"' EXIT
read -r -a INSTANCES <<<"$KNEEREHAB_CLUSTER_INSTANCES"

printf '%s\n' measure-password | "$KNEEREHAB_BINARY" user add --role clinician --email measure@cluster.test \
    --name "Measure" --database "$KNEEREHAB_CLUSTER_DATABASE" >/dev/null
python3 tools/load/seed.py "$KNEEREHAB_CLUSTER_URL" measure@cluster.test measure-password 200 \
    "$WORK/proxy.txt" "$WORK/clinician.txt" "$WORK/direct.txt"

post() { TOKENS_FILE="$WORK/$2" wrk -t2 -c32 -d"$1" --latency -s tools/load/post_session.lua "$3"; }
echo "== one instance without the proxy (${INSTANCES[0]}), flat out =="
DIRECT="$(post "${DURATION}s" direct.txt "${INSTANCES[0]}")"
echo "$DIRECT" | grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
echo "== through nginx to ${#INSTANCES[@]} instances ($KNEEREHAB_CLUSTER_URL), flat out =="
PROXIED="$(post "${DURATION}s" proxy.txt "$KNEEREHAB_CLUSTER_URL")"
echo "$PROXIED" | grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
python3 -c "print('through nginx: %.0f %% of one instance without it' % (100 * $(echo "$PROXIED" |
    awk '/Requests\/sec/ {print $2}') / $(echo "$DIRECT" | awk '/Requests\/sec/ {print $2}')))"
STEADY="${STEADY_RATE:-300}"
echo "== through nginx, steady at about $STEADY requests/s (32 connections, $((32000 / STEADY)) ms apart each) =="
PAUSE_MS="$((32000 / STEADY))" post "${DURATION}s" direct.txt "$KNEEREHAB_CLUSTER_URL" |
    grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
