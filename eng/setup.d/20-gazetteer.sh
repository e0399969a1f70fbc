#!/usr/bin/env bash
# The gazetteer tests read the derived gazetteer in data/build/; build it (a no-op when up to date).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/eng/data/build-gazetteer.sh"
