#!/usr/bin/env bash
# Installs the map page's front-end libraries from npm (versions pinned in src/Garrison.Web/package-lock.json)
# and copies only the files the page loads into src/Garrison.Web/wwwroot/lib/ (git-ignored). The page then
# works offline: nothing is fetched from a CDN at run time. Idempotent; quiet unless it fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
web="$root/src/Garrison.Web"
lib="$web/wwwroot/lib"
if ! command -v npm >/dev/null 2>&1; then
  echo "eng/web/install.sh: npm is not installed; the map page needs it once to install its libraries (apt-get install -y npm)" >&2
  exit 1
fi
cd "$web"
# --ignore-scripts: no package gets to run code at install time.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
modules="$web/node_modules"
rm -rf "$lib.tmp"
mkdir -p "$lib.tmp/leaflet/images" "$lib.tmp/topojson-client" "$lib.tmp/world-atlas"
cp "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/LICENSE" "$lib.tmp/leaflet/"
cp "$modules/leaflet/dist/images/"*.png "$lib.tmp/leaflet/images/"
cp "$modules/topojson-client/dist/topojson-client.min.js" "$modules/topojson-client/LICENSE" "$lib.tmp/topojson-client/"
cp "$modules/world-atlas/countries-50m.json" "$modules/world-atlas/LICENSE" "$lib.tmp/world-atlas/"
# An old, fixed mtime (npm's own tarball date): fresh copies must not look like changed sources to ./garrison.
find "$lib.tmp" -type f -exec touch -d 1985-10-26T08:15:00Z {} +
rm -rf "$lib"
mv "$lib.tmp" "$lib"
