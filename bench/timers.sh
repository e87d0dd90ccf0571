#!/usr/bin/env bash
# The timer engine benchmark (see bench/README.md, "The timer engine"): bench/timers.sh [BUILD_DIR] [flags...].
#
# Seeds bench/out/bench-1m.db once, as bench/run.sh does (the two share it), then runs
# BUILD_DIR/bench/shiftdesk_timers_bench on it; the bench works on a copy of its own and deletes it, so the seed
# stays as it was. Flags after BUILD_DIR go to the bench (--due N, --seconds S, --clocks open|all). The report is
# printed and also kept in bench/out/timers-last-run.txt. Builds nothing: build `shiftdesk` and
# `shiftdesk_timers_bench` first.
set -euo pipefail

build=$(cd "${1:-build}" && pwd) || { echo "usage: bench/timers.sh [BUILD_DIR] [bench flags]" >&2; exit 1; }
[ $# -eq 0 ] || shift

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/out"
db="$out/bench-1m.db"
tokens="$out/bench-1m.tokens"
server="$build/shiftdesk"
bench="$build/bench/shiftdesk_timers_bench"
for bin in "$server" "$bench"; do
    [ -x "$bin" ] || { echo "timers bench: $bin is missing; build it first" >&2; exit 1; }
done
mkdir -p "$out"
# shellcheck source=bench/seed.sh
. "$here/seed.sh"

# The same seed, made the same way, as bench/run.sh: 1,000,000 tickets, 100 engineers and their tokens.
if [ ! -s "$db" ] || [ ! -s "$tokens" ]; then
    echo "timers bench: seeding 1000000 tickets and 100 engineers into ${db#"$here/"} (once; about a minute)" >&2
    seed_database "$server" "$db" "$tokens" 1000000 100
fi

# The bench deletes its copy itself; this is for a run interrupted before it could.
trap 'rm -f "$db.timers.db" "$db.timers.db-wal" "$db.timers.db-shm"' EXIT

report="$out/timers-last-run.txt"
loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
rc=0
"$bench" --db "$db" "$@" > "$report.tmp" || rc=$?
{
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$here/.." rev-parse --short HEAD 2> /dev/null || echo '?')," \
        "nproc=$(nproc), load average before: $loadavg_before"
    cat "$report.tmp"
} > "$report"
rm -f "$report.tmp"
cat "$report"
echo "timers bench: this report is also in bench/out/${report##*/}" >&2
exit "$rc"
