#!/usr/bin/env bash
# Stops a cluster that tools/cluster/start.sh started (nginx, the instances, PostgreSQL) and removes its folder.
# usage: tools/cluster/stop.sh CLUSTER_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR="${1:?usage: tools/cluster/stop.sh CLUSTER_DIR}"
[ -d "$DIR" ] || exit 0
if [ -f "$DIR/nginx/nginx.pid" ]; then
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
    "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s stop 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$DIR/nginx/nginx.pid" ] || break; sleep 0.05; done
fi
for pidfile in "$DIR"/instance-*.pid; do
    [ -f "$pidfile" ] || continue
    n="$(basename "$pidfile" .pid)"
    tools/cluster/instance.sh "$DIR" "${n#instance-}" stop || tools/cluster/instance.sh "$DIR" "${n#instance-}" kill
done
PGSTATE="$DIR/postgres.state" tools/stop-postgres.sh || true
rm -rf "$DIR"
