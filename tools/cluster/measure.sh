#!/usr/bin/env bash
# Cluster figures, in one run: session writes (POST /api/v1/me/sessions, 32 connections, flat out) through nginx
# to three instances on one PostgreSQL, against one more instance of the same binary and database without the
# proxy, set up as a lone server is (an event loop per core, 16 PostgreSQL connections; the three as
# tools/cluster/start.sh sets them: on Unix sockets, one event loop each with the work on it, 4 connections), each
# side with its own 100 patients; the two alternate, ROUNDS times each (which goes first alternates too), so a
# change in the machine's speed falls on both, and the ratio line is the median of the rounds' ratios. Then through
# nginx at a steady rate for the latency.
# usage: tools/cluster/measure.sh [DURATION_SECONDS [ROUNDS]]   (KNEEREHAB_BINARY: default the release build)
# Sign-out propagation and recovery after a kill come from tools/cluster/test_cluster.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-3}"
ROUNDS="${2:-15}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
export KNEEREHAB_BINARY="${KNEEREHAB_BINARY:-.build/release/kneerehab}"
source tools/load/common.sh
eval "$(tools/cluster/start.sh)"
WORK="$(mktemp -d)"
trap 'kill "${LONE:-}" 2>/dev/null; tools/cluster/stop.sh "$KNEEREHAB_CLUSTER_DIR"; rm -rf "$WORK"' EXIT
read -r -a INSTANCES <<<"$KNEEREHAB_CLUSTER_INSTANCES"
ALONE="http://127.0.0.1:${KNEEREHAB_ALONE_PORT:-18479}"
"$KNEEREHAB_BINARY" serve --host 127.0.0.1 --port "${ALONE##*:}" --database "$KNEEREHAB_CLUSTER_DATABASE" \
    >"$WORK/alone.log" 2>&1 &
LONE=$!
wait_for_health "$ALONE" "$LONE" "$WORK/alone.log"

printf '%s\n' measure-password | "$KNEEREHAB_BINARY" user add --role clinician --email measure@cluster.test \
    --name "Measure" --database "$KNEEREHAB_CLUSTER_DATABASE" >/dev/null
python3 tools/load/seed.py "$KNEEREHAB_CLUSTER_URL" measure@cluster.test measure-password 200 \
    "$WORK/proxy.txt" "$WORK/clinician.txt" "$WORK/direct.txt"

post() { TOKENS_FILE="$WORK/$2" wrk -t2 -c32 -d"$1" --latency -s tools/load/post_session.lua "$3"; }
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
# Each phase starts from empty histories, as the first does: a write's cost grows with the patient's history, and
# the faster side would otherwise carry longer histories into the next round. Moving the version on makes every
# instance read the history again rather than keep its copy.
fresh() {
    psql -q "$KNEEREHAB_CLUSTER_DATABASE" -c "DELETE FROM sessions" \
        -c "UPDATE patients SET history_version = history_version + 1" >/dev/null
}
RATIOS=()
alone() {
    echo "== round $1: one instance without the proxy ($ALONE), flat out =="
    fresh
    DIRECT="$(post "${DURATION}s" direct.txt "$ALONE")"
    echo "$DIRECT" | grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
}
proxied() {
    echo "== round $1: through nginx to ${#INSTANCES[@]} instances ($KNEEREHAB_CLUSTER_URL), flat out =="
    fresh
    PROXIED="$(post "${DURATION}s" proxy.txt "$KNEEREHAB_CLUSTER_URL")"
    echo "$PROXIED" | grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
}
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then alone "$round"; proxied "$round"; else proxied "$round"; alone "$round"; fi
    RATIOS+=("$(python3 -c "print('%.0f' % (100 * $(rate "$PROXIED") / $(rate "$DIRECT")))")")
    echo "round $round: through nginx at ${RATIOS[-1]} % of one instance without it"
done
echo "median over $ROUNDS rounds: through nginx at $(printf '%s\n' "${RATIOS[@]}" | sort -n |
    awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}') % of one instance without it"
fresh
STEADY="${STEADY_RATE:-300}"
echo "== through nginx, steady at about $STEADY requests/s (32 connections, $((32000 / STEADY)) ms apart each) =="
PAUSE_MS="$((32000 / STEADY))" post "${DURATION}s" direct.txt "$KNEEREHAB_CLUSTER_URL" |
    grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"
