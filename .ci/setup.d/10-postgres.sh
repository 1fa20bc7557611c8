#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the store tests: installs Debian's packages when the binaries are
# missing, initialises a data directory under /tmp (one per work tree, so several checkouts on one machine do not
# share a server), starts it as the postgres user on 127.0.0.1 on a free port with trust authentication, creates
# the database loyalty_ci and writes its connection string to TestResults/postgres.connection (and, under .ci/run,
# LOYALTY_POSTGRES_CONNECTION to "$CI_ENV_FILE"). Safe to run twice: a server already running is reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

bin=$(pg_bin || true)
if [ -z "$bin" ]; then
  echo "postgres: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  bin=$(pg_bin)
fi
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres

# One directory per work tree: the hash of its path keeps concurrent checkouts apart.
tag=$(printf '%s' "$repo" | sha256sum | cut -c1-12)
base="/tmp/loyalty-ci-postgres-$tag"
data="$base/data"
as_pg() { runuser -u postgres -- "$@"; }

mkdir -p "$repo/TestResults"
connection_file="$repo/TestResults/postgres.connection"

if [ -f "$base/port" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  port=$(cat "$base/port")
  echo "postgres: reusing the server on 127.0.0.1:$port"
else
  # A directory left by a killed run holds a stale server: start again from scratch.
  [ -d "$data" ] && as_pg "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$base"
  mkdir -p "$base"
  chown postgres: "$base"
  chmod 700 "$base"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 \
    || { cat "$base/initdb.log"; exit 1; }
  # Durability settings stay at their defaults (fsync, synchronous_commit): the store's crash-safety tests and
  # benchmarks must see what production sees. Only memory and checkpoint spacing are sized for bulk loads.
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$base'
max_connections = 200
shared_buffers = 1GB
max_wal_size = 8GB
checkpoint_timeout = 15min
wal_compression = on
log_min_messages = warning
CONF
  echo "$port" >"$base/port"
  as_pg "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w -t 60 start >/dev/null \
    || { cat "$base/server.log"; exit 1; }
  echo "postgres: started $("$bin/postgres" --version) on 127.0.0.1:$port ($data)"
fi

for _ in $(seq 1 60); do
  "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q && break
  sleep 1
done
"$bin/pg_isready" -h 127.0.0.1 -p "$port" -q || { echo "postgres: not ready on port $port"; exit 1; }

if [ "$(as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'loyalty_ci'")" != "1" ]; then
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres loyalty_ci
fi

connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=loyalty_ci"
printf '%s\n' "$connection" >"$connection_file"
if [ -n "${CI_ENV_FILE:-}" ]; then
  printf "LOYALTY_POSTGRES_CONNECTION='%s'\n" "$connection" >>"$CI_ENV_FILE"
fi
echo "postgres: connection string in $connection_file"
