#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: installs PostgreSQL (apt)
# when missing, initdb in a temporary folder, listens on 127.0.0.1 on a free port
# only, runs as a non-root user, exports THIDUA_TEST_POSTGRES_URL, and stops and
# removes the server when the command ends.
#
#   scripts/with-postgres.sh swift test
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    echo "with-postgres: installing PostgreSQL (apt-get)" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    BINDIR="$(find_bindir)"
fi

# PostgreSQL refuses to run as root: run the server as an unprivileged user.
RUN=()
if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS="${THIDUA_PG_OS_USER:-postgres}"
    if ! id "$PGUSER_OS" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
    fi
    RUN=(runuser -u "$PGUSER_OS" --)
fi

DIR="$(mktemp -d /tmp/thidua-pg.XXXXXX)"
chmod 755 "$DIR"
[ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$DIR"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

cleanup() {
    "${RUN[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

"${RUN[@]}" "$BINDIR/initdb" -D "$DIR/data" -U thidua --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 2; }
# Throw-away data: no fsync; loopback TCP only, the socket in the temporary folder.
OPTIONS="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
"${RUN[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o "$OPTIONS" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 2; }
# For trials that stop and restart the server (scripts/trials.sh): commands to eval.
export THIDUA_TEST_PG_BINDIR="$BINDIR"
export THIDUA_TEST_PG_STOP="${RUN[*]} $BINDIR/pg_ctl -D $DIR/data -m fast -w stop"
export THIDUA_TEST_PG_START="${RUN[*]} $BINDIR/pg_ctl -D $DIR/data -l $DIR/server.log -w -t 60 -o '$OPTIONS' start"

export THIDUA_TEST_POSTGRES_URL="postgres://thidua@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') at $THIDUA_TEST_POSTGRES_URL" >&2
set +e
"$@"
STATUS=$?
exit $STATUS
