#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL (Debian's package): a new cluster
# in a temporary directory, listening on a free loopback port, stopped and
# removed afterwards. The command sees DATABASE_URL.
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
  exit 1
fi
dir=$(mktemp -d /tmp/ccaward-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_pg() {
  # PostgreSQL refuses to run as root: use the postgres account then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"

cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_pg "$pgbin/initdb" -D "$dir/data" -U ccaward --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Nothing here must survive a crash: no fsync, no waiting for the WAL at commit, no full pages in it.
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U ccaward ccaward
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

DATABASE_URL="postgresql://ccaward@127.0.0.1:$port/ccaward" "$@"
