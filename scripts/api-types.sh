#!/usr/bin/env bash
# The web desk's API types, web/src/api/schema.gen.ts, generated from docs/openapi.yaml by openapi-typescript (the
# version pinned in web/package-lock.json), so the UI and the server speak one schema.
#   scripts/api-types.sh           rewrites the file from the spec
#   scripts/api-types.sh --check   fails, showing the difference, when the file is not what the spec generates
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
generated=src/api/schema.gen.ts
"$root/scripts/web-deps.sh"
cd "$root/web"
fresh=$(mktemp --suffix=.ts)
trap 'rm -f "$fresh"' EXIT
npx --no-install openapi-typescript ../docs/openapi.yaml --output "$fresh" >/dev/null
if [ "${1:-}" = "--check" ]; then
    if ! diff -u --label "web/$generated (committed)" --label "web/$generated (from docs/openapi.yaml)" \
            "$generated" "$fresh"; then
        echo "web/$generated is not what docs/openapi.yaml generates: run 'make api-types' and commit it" >&2
        exit 1
    fi
else
    cp "$fresh" "$generated"
fi
