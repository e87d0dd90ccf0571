#!/usr/bin/env bash
# Builds the web UI into web/dist (served by `shiftdesk serve` at /), with its npm packages from the lock file.
set -euo pipefail
"$(dirname "$0")/web-deps.sh"
cd "$(dirname "$0")/../web"
npm run --silent build
