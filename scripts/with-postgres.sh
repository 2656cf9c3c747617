#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster started as an ordinary process on a
# local socket; the cluster is removed afterwards. Usage: scripts/with-postgres.sh COMMAND...
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL is not installed: run 'make system'." >&2
  exit 1
fi
DIR=$(mktemp -d /tmp/maillage-pg.XXXXXX)
PORT=${MAILLAGE_PG_PORT:-54329}
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
  chown postgres "$DIR"
  RUNAS=(runuser -u postgres --)
fi
cleanup() {
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${RUNAS[@]}" "$BIN/initdb" -D "$DIR/data" -U maillage --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-k $DIR -p $PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"${RUNAS[@]}" "$BIN/createdb" -h "$DIR" -p "$PORT" -U maillage maillage
export DATABASE_URL="postgres://maillage@/maillage?host=$DIR&port=$PORT"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $DIR:$PORT"
"$@"
