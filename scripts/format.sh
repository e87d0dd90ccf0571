#!/usr/bin/env bash
# The C++ sources in the house format (.clang-format: Google base, 4 spaces, 120 columns), by Debian's clang-format.
#   scripts/format.sh          rewrites every file that drifts
#   scripts/format.sh --check  fails naming each file that drifts (run first by `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is needed (scripts/install-deps.sh installs it)" >&2; exit 1; }
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "${1:-}" = "--check" ]; then
    drifting=()
    for f in "${files[@]}"; do
        clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || drifting+=("$f")
    done
    if [ ${#drifting[@]} -gt 0 ]; then
        printf 'not in the house format (scripts/format.sh fixes it):\n' >&2
        printf '  %s\n' "${drifting[@]}" >&2
        exit 1
    fi
    echo "format: ${#files[@]} files in the house format"
else
    clang-format -i "${files[@]}"
fi
