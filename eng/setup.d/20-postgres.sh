#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the storage tests: Debian's server, initdb into a temporary folder,
# a free loopback port, trust auth for the local test user. eng/teardown.d/20-postgres.sh stops it.
set -euo pipefail
env_file="${GARRISON_TEST_ENV:?}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql-15 postgresql-contrib-15 >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /nonexistent postgres
  run_as=(runuser -u postgres --)
fi
dir=$(mktemp -d /tmp/garrison-pg.XXXXXX)
chmod 755 "$dir"
[ "${#run_as[@]}" -gt 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U garrison -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c max_connections=100" start >/dev/null
"$bin/psql" -h 127.0.0.1 -p "$port" -U garrison -d postgres -qc "create database garrison_test" >/dev/null
{
  echo "GARRISON_TEST_PG='Host=127.0.0.1;Port=$port;Username=garrison;Database=garrison_test'"
  echo "GARRISON_TEST_PG_DIR=$dir"
  echo "GARRISON_TEST_PG_BIN=$bin"
} >> "$env_file"
echo "postgres: 127.0.0.1:$port ($dir)" >&2
