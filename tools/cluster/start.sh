#!/usr/bin/env bash
# Starts a KneeRehab cluster on loopback: a private PostgreSQL, N `kneerehab serve` instances on one database and
# Debian's nginx in front of them. Prints what a caller needs as NAME=value lines on standard output:
#   KNEEREHAB_CLUSTER_DIR   the cluster's folder (logs, pids, nginx's prefix); give it to tools/cluster/stop.sh
#   KNEEREHAB_CLUSTER_URL   nginx's address
#   KNEEREHAB_CLUSTER_DATABASE, KNEEREHAB_CLUSTER_INSTANCES (space-separated instance addresses: unix:PATH for
#                                a socket, else http://127.0.0.1:PORT)
# usage: eval "$(tools/cluster/start.sh)"; ...; tools/cluster/stop.sh "$KNEEREHAB_CLUSTER_DIR"
# Settings (environment):
#   KNEEREHAB_BINARY             the kneerehab binary (default: .build/release/kneerehab, else .build/debug/…)
#   KNEEREHAB_CLUSTER_PORT       nginx's port (default 18480); instances on ports take the next N
#   KNEEREHAB_CLUSTER_SIZE       how many instances (default 3)
#   KNEEREHAB_CLUSTER_SOCKETS    1 (default): nginx reaches the instances over Unix sockets in the cluster's folder
#                                (`serve --socket`); 0: over loopback ports (`--trusted-proxy 127.0.0.1`)
#   KNEEREHAB_CLUSTER_PG_PORT    PostgreSQL's port (default 54350)
#   KNEEREHAB_CLUSTER_POOL       each instance's connections to PostgreSQL (default 4: about as many in all as one
#                                instance alone keeps, 16)
#   KNEEREHAB_CLUSTER_EVENT_LOOPS each instance's threads (`serve --event-loops`; default: the cores divided by the
#                                instances, at least 1, so the instances together keep one per core)
#   KNEEREHAB_CLUSTER_TASKS_ON_EVENT_LOOPS  1 (default): each instance runs its work on those threads
#                                (`serve --tasks-on-event-loops`); 0: on Swift's own pool
#   KNEEREHAB_CLUSTER_SERVE_ARGS more options for every `serve`
#   KNEEREHAB_PG_DURABLE=1       PostgreSQL with fsync on (tools/start-postgres.sh)
# Installs nginx and PostgreSQL from Debian when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tools/cluster

BIN="${KNEEREHAB_BINARY:-}"
if [ -z "$BIN" ]; then
    for candidate in .build/release/kneerehab .build/debug/kneerehab; do
        if [ -x "$candidate" ]; then BIN="$candidate"; break; fi
    done
fi
[ -x "$BIN" ] || { echo "no kneerehab binary: build it or set KNEEREHAB_BINARY" >&2; exit 1; }
BIN="$(realpath "$BIN")"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
if [ ! -x "$NGINX" ]; then
    echo "installing nginx from Debian" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx >&2; }
    NGINX=/usr/sbin/nginx
fi

PORT="${KNEEREHAB_CLUSTER_PORT:-18480}"
SIZE="${KNEEREHAB_CLUSTER_SIZE:-3}"
DIR="$(mktemp -d -t kneerehab-cluster.XXXXXX)"
chmod 755 "$DIR"
echo "$BIN" >"$DIR/binary"

DATABASE="$(PGSTATE="$DIR/postgres.state" KNEEREHAB_PG_PORT="${KNEEREHAB_CLUSTER_PG_PORT:-54350}" \
    tools/start-postgres.sh)"
echo "$DATABASE?pool_size=${KNEEREHAB_CLUSTER_POOL:-4}" >"$DIR/database"
LOOPS="${KNEEREHAB_CLUSTER_EVENT_LOOPS:-$(( $(nproc) / SIZE > 1 ? $(nproc) / SIZE : 1 ))}"
TASKS=""
[ "${KNEEREHAB_CLUSTER_TASKS_ON_EVENT_LOOPS:-1}" = 1 ] && TASKS="--tasks-on-event-loops"
echo "--event-loops $LOOPS $TASKS ${KNEEREHAB_CLUSTER_SERVE_ARGS:-}" >"$DIR/serve-args"

INSTANCES=()
UPSTREAMS=""
SOCKETS="${KNEEREHAB_CLUSTER_SOCKETS:-1}"
if [ "$SOCKETS" = 1 ]; then
    mkdir -p "$DIR/sockets"
    if [ "$(id -u)" = 0 ]; then chgrp nogroup "$DIR/sockets"; fi
    chmod 2750 "$DIR/sockets"
fi
for n in $(seq 1 "$SIZE"); do
    if [ "$SOCKETS" = 1 ]; then
        echo "$DIR/sockets/instance-$n.sock" >"$DIR/instance-$n.socket"
        INSTANCES+=("unix:$DIR/sockets/instance-$n.sock")
        UPSTREAMS+="        server unix:$DIR/sockets/instance-$n.sock max_fails=1 fail_timeout=3s;"$'\n'
    else
        echo "$((PORT + n))" >"$DIR/instance-$n.port"
        INSTANCES+=("http://127.0.0.1:$((PORT + n))")
        UPSTREAMS+="        server 127.0.0.1:$((PORT + n)) max_fails=1 fail_timeout=3s;"$'\n'
    fi
done
# The first instance migrates the database; the others then start together.
"$HERE/instance.sh" "$DIR" 1 start >&2
for n in $(seq 2 "$SIZE"); do "$HERE/instance.sh" "$DIR" "$n" start --no-wait >&2; done
for n in $(seq 2 "$SIZE"); do "$HERE/instance.sh" "$DIR" "$n" wait >&2; done

mkdir -p "$DIR/nginx/temp"
if [ "$(id -u)" = 0 ]; then
    chown nobody "$DIR/nginx/temp"
    USER_LINE="user nobody nogroup;"
else
    USER_LINE=""
fi
{
    [ -n "$USER_LINE" ] && echo "$USER_LINE"
    python3 - "$HERE/nginx.conf.template" "$DIR" "$PORT" "$UPSTREAMS" <<'PY'
import sys
template, folder, port, upstreams = sys.argv[1:]
text = open(template).read()
print(text.replace("@DIR@", folder).replace("@PORT@", port).replace("@UPSTREAMS@\n", upstreams), end="")
PY
} >"$DIR/nginx/nginx.conf"
"$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" >&2
"$HERE/instance.sh" "$DIR" 0 wait >&2

echo "KNEEREHAB_CLUSTER_DIR=$DIR"
echo "KNEEREHAB_CLUSTER_URL=http://127.0.0.1:$PORT"
echo "KNEEREHAB_CLUSTER_DATABASE=$DATABASE"
echo "KNEEREHAB_CLUSTER_INSTANCES='${INSTANCES[*]}'"
