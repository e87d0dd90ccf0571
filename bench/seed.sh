# shellcheck shell=bash
# Sourced by bench/run.sh and bench/timers.sh: the one way the benchmark database is seeded, so both benches share it.
#
# seed_database SERVER DB TOKENS TICKETS ENGINEERS [QUEUE]: seeds DB (and the engineers' API tokens into TOKENS) with
# `shiftdesk bench seed` — QUEUE tickets new and unowned when given, else the seed's mix (about 4%) — through
# temporary files renamed at the end, so an interrupted seed never looks finished.

seed_database() {
    local server=$1 db=$2 tokens=$3 tickets=$4 engineers=$5 queue=${6:-}
    local queue_args=()
    [ -z "$queue" ] || queue_args=(--queue "$queue")
    rm -f "$db" "$db-wal" "$db-shm" "$tokens" "$db.tmp" "$db.tmp-wal" "$db.tmp-shm" "$tokens.tmp"
    "$server" bench seed --db "$db.tmp" --tickets "$tickets" --engineers "$engineers" --tokens-out "$tokens.tmp" \
        "${queue_args[@]}" > /dev/null
    # Fold the write-ahead log into the file, so the seed is one self-contained file that copies cleanly.
    if command -v sqlite3 > /dev/null; then
        sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
    fi
    if [ -e "$db.tmp-wal" ]; then mv "$db.tmp-wal" "$db-wal"; fi
    rm -f "$db.tmp-shm"
    mv "$db.tmp" "$db"
    mv "$tokens.tmp" "$tokens"
}
