#!/usr/bin/env bash
# Runs one phase of `make test` (or `make run`) and says how long it took, so a slow phase is seen, not guessed.
#   scripts/phase.sh NAME COMMAND...
# The line is printed and, when SHIFTDESK_PHASES names a file, appended to it for the summary at the end.
set -uo pipefail
name=$1
shift
start=$(date +%s%N)
"$@"
rc=$?
tenths=$((($(date +%s%N) - start) / 100000000))
line=$(printf '%-22s %5d.%d s' "$name" $((tenths / 10)) $((tenths % 10)))
[ "$rc" -ne 0 ] && line="$line  FAILED (exit $rc)"
echo "== phase $line"
[ -n "${SHIFTDESK_PHASES:-}" ] && echo "$line" >>"$SHIFTDESK_PHASES"
exit "$rc"
