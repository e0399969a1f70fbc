#!/usr/bin/env bash
# The map page's npm libraries (wwwroot/lib), which the browser tests load.
set -euo pipefail
bash "$(dirname "${BASH_SOURCE[0]}")/../web/install.sh"
