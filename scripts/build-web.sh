#!/usr/bin/env bash
# Builds the web UI into web/dist (served by `shiftdesk serve` at /). Installs its npm packages from the lock file
# when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v npm >/dev/null || { echo "npm is needed to build the web UI (Node.js 20.19 or later)" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
