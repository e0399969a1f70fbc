#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that eng/setup.d/20-postgres.sh started, and removes its folder.
set -uo pipefail
env_file="${GARRISON_TEST_ENV:?}"
dir=$(grep '^GARRISON_TEST_PG_DIR=' "$env_file" | tail -n 1 | cut -d= -f2-)
bin=$(grep '^GARRISON_TEST_PG_BIN=' "$env_file" | tail -n 1 | cut -d= -f2-)
[ -n "$dir" ] && [ -d "$dir" ] || exit 0
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
else
  "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
fi
rm -rf "$dir"
