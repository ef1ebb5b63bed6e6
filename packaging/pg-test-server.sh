#!/usr/bin/env bash
# A private PostgreSQL server for the tests of the shared team workspace: a
# fresh cluster (initdb) in a temporary folder, listening only on a loopback
# port, run by an unprivileged user (PostgreSQL refuses to run as root).
#
#   eval "$(packaging/pg-test-server.sh start)"   starts it; prints
#       export FAB_TEST_PG_URL=postgresql://fabkit@127.0.0.1:PORT/fabkit_test
#       export FAB_TEST_PG_DIR=/tmp/fabkit-pg.XXXX
#   packaging/pg-test-server.sh stop [DIR]       stops it and removes the folder
#                                                (DIR defaults to $FAB_TEST_PG_DIR)
#   FAB_TEST_PG_PORT=N   the port (default: a free one from 54320 up)
#
# Every step has a time limit, so a server that does not come up never hangs
# the tests: start fails with a message and the PostgreSQL tests skip.
set -euo pipefail

bin=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && bin=$d
done

stop() {
  local dir=${1:-${FAB_TEST_PG_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "pg-test-server: no server folder to stop" >&2; return 0; }
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# Runs a command as the folder's owner (root cannot run the server).
as_owner() {
  local dir=$1
  shift
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$(stat -c %U "$dir")" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port=${FAB_TEST_PG_PORT:-54320}
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start() {
  [ -n "$bin" ] || { echo "pg-test-server: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
  local dir port owner=""
  dir=$(mktemp -d /tmp/fabkit-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    # An unprivileged owner: 'nobody' exists on every Debian system.
    owner=nobody
    chown "$owner" "$dir"
  fi
  chmod 700 "$dir"
  port=$(free_port)
  if ! as_owner "$dir" timeout 120 "$bin/initdb" -D "$dir/data" -U fabkit --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1; then
    echo "pg-test-server: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  # Loopback only, the socket in the private folder, no fsync (a test cluster is thrown away).
  if ! as_owner "$dir" timeout 60 "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=40" start >/dev/null; then
    echo "pg-test-server: the server did not start:" >&2
    cat "$dir/server.log" >&2
    stop "$dir"
    exit 1
  fi
  if ! as_owner "$dir" timeout 30 "$bin/createdb" -h 127.0.0.1 -p "$port" -U fabkit fabkit_test; then
    stop "$dir"
    exit 1
  fi
  echo "export FAB_TEST_PG_URL=postgresql://fabkit@127.0.0.1:$port/fabkit_test"
  echo "export FAB_TEST_PG_DIR=$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
    ;;
esac
