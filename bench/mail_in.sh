#!/usr/bin/env bash
# Inbound mail through `shiftdesk mail-in`, one process per message as an MTA's pipe transport runs it: messages
# parsed and committed per second, and the same messages again (each a duplicate the desk recognises and drops).
#   bench/mail_in.sh BUILD_DIR [CORPUS_DIR] [ROUNDS]
# CORPUS_DIR defaults to ../shared/mail-corpus (115 real-world messages); ROUNDS (default 3) copies of it are
# delivered, each copy's Message-IDs made unique, so every delivery of the first pass is a new message.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/mail_in.sh BUILD_DIR [CORPUS_DIR] [ROUNDS]" >&2; exit 1; }
build=$(cd "$1" && pwd)
corpus=${2:-$(dirname "$0")/../../shared/mail-corpus}
rounds=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/desk.db"
"$build/shiftdesk" migrate --db "$db" >/dev/null 2>&1

# Copies with unique Message-IDs: each message's own is replaced (an mbox "From " line then follows the new header,
# which the parser reads as a broken line and recovers from, as it does for real mail).
mkdir -p "$work/messages"
n=0
for round in $(seq 1 "$rounds"); do
    for f in "$corpus"/*.box; do
        n=$((n + 1))
        { printf 'Message-ID: <bench-%d-%d@mail-in.bench>\r\n' "$round" "$n"; sed '/^[Mm]essage-[Ii][Dd]:/d' "$f"; } \
            >"$work/messages/$n.eml"
    done
done

deliver() {
    local start end
    start=$(date +%s%N)
    for m in "$work"/messages/*.eml; do "$build/shiftdesk" mail-in --db "$db" <"$m" 2>/dev/null || true; done
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
new_ms=$(deliver)
dup_ms=$(deliver)
tickets=$(sqlite3 "$db" 'SELECT COUNT(*) FROM tickets')
kept=$(sqlite3 "$db" 'SELECT COUNT(*) FROM inbound_mail')
printf 'mail-in: %d messages (%d kept, %d tickets)\n' "$n" "$kept" "$tickets"
rate() { awk -v n="$n" -v ms="$2" -v what="$1" 'BEGIN { printf "  %-11s %6d ms  %6.1f messages/s  %5.1f ms each\n", what, ms, n * 1000 / ms, ms / n }'; }
rate "new:" "$new_ms"
rate "duplicates:" "$dup_ms"
