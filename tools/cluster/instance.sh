#!/usr/bin/env bash
# One instance of a cluster that tools/cluster/start.sh started.
# usage: tools/cluster/instance.sh CLUSTER_DIR N start [--no-wait] | wait | stop | kill
#   start  runs `kneerehab serve` on the instance's socket or port and waits until /health answers (up to 60 s)
#   wait   waits until /health answers (N = 0: through nginx)
#   stop   SIGTERM: the instance stops accepting, finishes its requests and exits; waits for the exit
#   kill   SIGKILL, as a crash would
set -euo pipefail
DIR="$1"
N="$2"
ACTION="$3"
SOCKET=""
if [ "$N" = 0 ]; then
    URL="http://127.0.0.1:$(sed -n 's/^ *listen 127.0.0.1:\([0-9]*\);/\1/p' "$DIR/nginx/nginx.conf")"
elif [ -f "$DIR/instance-$N.socket" ]; then
    SOCKET="$(cat "$DIR/instance-$N.socket")"
    URL="http://localhost"
else
    URL="http://127.0.0.1:$(cat "$DIR/instance-$N.port")"
fi
PIDFILE="$DIR/instance-$N.pid"

wait_health() {
    for _ in $(seq 1 600); do
        if curl -fsS -o /dev/null --max-time 1 ${SOCKET:+--unix-socket "$SOCKET"} "$URL/health" 2>/dev/null; then
            return 0
        fi
        if [ "$N" != 0 ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            echo "instance $N exited; see $DIR/instance-$N.log" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "$URL/health did not answer within 60 s" >&2
    return 1
}

case "$ACTION" in
start)
    # Each instance works in the cluster's folder, so nothing it writes lands elsewhere.
    # shellcheck disable=SC2046
    if [ -n "$SOCKET" ]; then
        # The socket's folder lets in only its owner and nginx's group; the socket inherits that group.
        LISTEN=(--socket "$SOCKET")
        MASK=007
    else
        LISTEN=(--host 127.0.0.1 --port "$(cat "$DIR/instance-$N.port")" --trusted-proxy 127.0.0.1)
        MASK=022
    fi
    (cd "$DIR" && umask "$MASK" && exec "$(cat "$DIR/binary")" serve "${LISTEN[@]}" \
        --database "$(cat "$DIR/database")" $(cat "$DIR/serve-args") >>"$DIR/instance-$N.log" 2>&1) &
    echo $! >"$PIDFILE"
    if [ "${4:-}" != --no-wait ]; then wait_health; fi
    ;;
wait) wait_health ;;
stop | kill)
    [ -f "$PIDFILE" ] || exit 0
    PID="$(cat "$PIDFILE")"
    if [ "$ACTION" = stop ]; then kill -TERM "$PID" 2>/dev/null || true; else kill -KILL "$PID" 2>/dev/null || true; fi
    for _ in $(seq 1 600); do
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$PID" 2>/dev/null; then
        echo "instance $N did not exit within 30 s" >&2
        exit 1
    fi
    rm -f "$PIDFILE"
    ;;
*)
    echo "usage: $0 CLUSTER_DIR N start|wait|stop|kill" >&2
    exit 2
    ;;
esac
