#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL cluster for the tests and prints its URL on standard output.
#   url=$(tools/start-postgres.sh) && export KNEEREHAB_TEST_POSTGRES_URL="$url"
# Installs Debian's postgresql when initdb is missing. initdb and pg_ctl refuse to run as root, so the cluster
# belongs to the postgres user and lives in a temporary directory recorded in $PGSTATE (default
# /tmp/kneerehab-postgres.state) for tools/stop-postgres.sh. Listens on 127.0.0.1 only.
# The test cluster runs with fsync=off; KNEEREHAB_PG_DURABLE=1 keeps PostgreSQL's durable defaults (for benchmarks:
#   PGSTATE=/tmp/kneerehab-bench-pg.state KNEEREHAB_PG_PORT=54330 KNEEREHAB_PG_DURABLE=1 tools/start-postgres.sh).
set -euo pipefail

PORT="${KNEEREHAB_PG_PORT:-54329}"
STATE="${PGSTATE:-/tmp/kneerehab-postgres.state}"
DB="kneerehab_test"

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

if ! BIN="$(find_bin)"; then
    echo "installing postgresql from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
    BIN="$(find_bin)"
fi

as_postgres() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -f "$STATE" ] && [ -d "$(cat "$STATE")" ]; then
    "$(dirname "$0")/stop-postgres.sh" >&2 || true
fi

DIR="$(mktemp -d /tmp/kneerehab-pg.XXXXXX)"
if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR"; fi
as_postgres "$BIN/initdb" --pgdata="$DIR/data" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
SPEED="-c fsync=off -c synchronous_commit=off"
if [ "${KNEEREHAB_PG_DURABLE:-0}" = "1" ]; then SPEED="-c shared_buffers=1GB"; fi
as_postgres "$BIN/pg_ctl" --pgdata="$DIR/data" --log="$DIR/log" --wait \
    --options="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR $SPEED -c max_connections=200" \
    start >&2
as_postgres "$BIN/createdb" --host=127.0.0.1 --port="$PORT" --username=postgres "$DB" >&2
echo "$DIR" >"$STATE"
echo "postgres://postgres@127.0.0.1:$PORT/$DB"
