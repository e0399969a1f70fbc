#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it by executable path; no browser download).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
echo "GARRISON_CHROMIUM=$(command -v chromium)" >> "${GARRISON_TEST_ENV:?}"
