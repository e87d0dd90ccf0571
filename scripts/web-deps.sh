#!/usr/bin/env bash
# Installs the web desk's npm packages from web/package-lock.json when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v npm >/dev/null || { echo "npm is needed for the web UI (Node.js 20.19 or later)" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
