#!/usr/bin/env bash
# Garrison's test command. Installs and starts what the tests need (eng/setup.d: Debian chromium, a throwaway
# PostgreSQL 15 on loopback), runs every test project, stops the servers (eng/teardown.d), and ends with
# one line "tests: N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export GARRISON_HOME="$root"
mkdir -p artifacts
env_file="$root/artifacts/test-env"
: > "$env_file"
teardown() {
  for script in "$root"/eng/teardown.d/*.sh; do
    [ -e "$script" ] && GARRISON_TEST_ENV="$env_file" bash "$script" || true
  done
}
trap teardown EXIT
for script in "$root"/eng/setup.d/*.sh; do
  [ -e "$script" ] || continue
  echo "setup: $(basename "$script")" >&2
  GARRISON_TEST_ENV="$env_file" bash "$script" || echo "setup: $(basename "$script") failed; tests that need it will say why they skip" >&2
done
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
log="$root/artifacts/test-output.txt"
dotnet test "$root/Garrison.slnx" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
sum() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited $status" >&2; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
