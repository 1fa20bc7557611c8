#!/usr/bin/env bash
# Stops the throw-away PostgreSQL server of .ci/setup.d/10-postgres.sh and removes its data directory. Safe to run
# twice, or when no server was started.
set -uo pipefail
cd "$(dirname "$0")/../.."
tag=$(printf '%s' "$PWD" | sha256sum | cut -c1-12)
base="/tmp/loyalty-ci-postgres-$tag"
if [ -d "$base/data" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)
  [ -n "$bin" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$base/data" -m fast -w -t 60 stop >/dev/null 2>&1
fi
rm -rf "$base"
rm -f TestResults/postgres.connection
echo "postgres: stopped and removed $base"
exit 0
