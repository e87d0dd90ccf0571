#!/usr/bin/env bash
# The shiftdesk load benchmark (see bench/README.md): `make bench`, or bench/run.sh BUILD_DIR [--fresh].
#
# Seeds bench/out/bench-1m.db once (1,000,000 tickets, 100 engineers) and reuses it; each run works on a copy, so
# every run starts from the same database. Starts the server on a free port, measures its start-up time and
# resident memory, drives the bin, queue and create scenarios with BUILD_DIR/bench/shiftdesk_load (then a short
# calibration on /api/v1/health), stops the server and prints a table, also kept in bench/out/last-run.txt.
# Builds nothing: `make bench` builds first.
#
# Settings (environment):
#   BENCH_FRESH=1          reseed even when the database exists (same as --fresh)
#   BENCH_TICKETS=1000000  tickets to seed (other counts get a database file of their own)
#   BENCH_ENGINEERS=100    engineers, one API token each
#   BENCH_QUEUE=           tickets waiting in the queue, new and unowned (default: the seed's mix, about 4%)
#   BENCH_CONNECTIONS=64   concurrent keep-alive connections
#   BENCH_DURATION=10      measured seconds per scenario
#   BENCH_WARMUP=2         unmeasured seconds before each scenario
#   BENCH_LOAD_THREADS=1   threads of the load driver
#   BENCH_SERVER_THREADS=  the server's --threads (default: the server's own, one per core)
set -euo pipefail

usage() { echo "usage: bench/run.sh BUILD_DIR [--fresh]" >&2; exit 1; }
[ $# -ge 1 ] || usage
build=$(cd "$1" && pwd) || usage
shift
fresh=${BENCH_FRESH:-0}
for arg in "$@"; do
    case "$arg" in
        --fresh) fresh=1 ;;
        *) usage ;;
    esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/out"
tickets=${BENCH_TICKETS:-1000000}
engineers=${BENCH_ENGINEERS:-100}
connections=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
load_threads=${BENCH_LOAD_THREADS:-1}
server_threads=${BENCH_SERVER_THREADS:-}
queue=${BENCH_QUEUE:-}

server="$build/shiftdesk"
load="$build/bench/shiftdesk_load"
for bin in "$server" "$load"; do
    [ -x "$bin" ] || { echo "bench: $bin is missing; run 'make build' first (or 'make bench')" >&2; exit 1; }
done

if [ "$tickets" = 1000000 ] && [ "$engineers" = 100 ]; then name=bench-1m; else name="bench-${tickets}t-${engineers}e"; fi
[ -z "$queue" ] || name="$name-${queue}q"
db="$out/$name.db"
tokens="$out/$name.tokens"
run_db="$out/run.db"
server_log="$out/server.log"
mkdir -p "$out"

# shellcheck source=bench/seed.sh
. "$here/seed.sh"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'; }
# kv LINE KEY: the value of KEY in a key=value line.
kv() { local v; v=$(sed -n "s/.* $2=\\([^ ]*\\).*/\\1/p" <<<" $1"); echo "${v:-?}"; }

loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. The database: seeded once, reused -------------------------------------------------------------------
seeded="reused"
if [ "$fresh" = 1 ] || [ ! -s "$db" ] || [ ! -s "$tokens" ]; then
    seeded="seeded now"
    echo "bench: seeding $tickets tickets and $engineers engineers into ${db#"$here/"} (once; about a minute)" >&2
    seed_start=$(now_ms)
    seed_database "$server" "$db" "$tokens" "$tickets" "$engineers" "$queue"
    echo "bench: seeded in $(( ($(now_ms) - seed_start) / 1000 )) s" >&2
fi

# A seed made by an older build is brought to this build's schema here, so start-up is timed without migrations.
"$server" migrate --db "$db" > /dev/null

# Each run works on a copy: the create scenario adds tickets, and every run should start from the same seed.
rm -f "$run_db" "$run_db-wal" "$run_db-shm"
cp "$db" "$run_db"
# The log too, when there is one (no sqlite3 to fold it in); the shared-memory index is rebuilt from it.
if [ -s "$db-wal" ]; then cp "$db-wal" "$run_db-wal"; fi

# --- 2. The server: start-up time and memory -------------------------------------------------------------------
server_pid=""
fifo=""
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 100); do
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$server_pid" 2> /dev/null; then
        echo "bench: the server did not stop within 10 s of SIGTERM; killing it" >&2
        kill -KILL "$server_pid" 2> /dev/null || true
    fi
    wait "$server_pid" 2> /dev/null || true
    server_pid=""
}
cleanup() {
    stop_server
    exec 3<&- 2> /dev/null || true
    [ -z "$fifo" ] || rm -f "$fifo"
    rm -f "$out/.times"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fifo=$(mktemp -u "$out/.listen.XXXXXX")
mkfifo "$fifo"
server_args=(serve --db "$run_db" --listen 127.0.0.1:0 --no-access-log)
[ -z "$server_threads" ] || server_args+=(--threads "$server_threads")

start_ms=$(now_ms)
"$server" "${server_args[@]}" > "$fifo" 2> "$server_log" &
server_pid=$!
exec 3< "$fifo"
line=""
if ! read -r -t 60 line <&3; then
    echo "bench: the server did not say it was listening; its log ($server_log):" >&2
    tail -n 20 "$server_log" >&2
    exit 1
fi
startup_ms=$(( $(now_ms) - start_ms ))
if [[ ! "$line" =~ ^shiftdesk\ listening\ on\ http://127\.0\.0\.1:([0-9]+)$ ]]; then
    echo "bench: unexpected first line from the server: $line" >&2
    exit 1
fi
port=${BASH_REMATCH[1]}
# Keep reading its stdout so a later line can never block it.
cat <&3 > /dev/null &
exec 3<&-
rss_start=$(rss_kb "$server_pid")

# --- 3. The load -------------------------------------------------------------------------------------------------
# Where the CPU went during a scenario: the server's own CPU time, and how busy the whole machine was (the
# remainder is the load driver and anything else running), both in cores.
clk_tck=$(getconf CLK_TCK)
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $5 + $6; exit }' /proc/stat; }
# CPU seconds of this script's finished children (the driver, once it has exited), from bash's `times`. `times`
# must run in this shell, not in a $(...) subshell, which has children of its own.
times_file="$out/.times"
children_s=0
children_cpu() {  # sets children_s
    times > "$times_file"
    children_s=$(awk 'NR == 2 {
        s = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] }
        print s
    }' "$times_file")
}
failures=0
declare -A lines cpus  # per scenario: the driver's key=value line, and where the CPU went
run_scenario() {  # run_scenario NAME [DURATION WARMUP]: sets lines[NAME] and cpus[NAME]
    local scenario_line scenario_cpu
    local rc=0 t0 t1 p0 p1 m0 m1 c0 c1 wall_ms
    t0=$(now_ms); p0=$(proc_ticks "$server_pid"); m0=$(machine_ticks); children_cpu; c0=$children_s
    scenario_line=$("$load" --port "$port" --tokens "$tokens" --scenario "$1" --connections "$connections" \
        --duration "${2:-$duration}" --warmup "${3:-$warmup}" --threads "$load_threads") || rc=$?
    t1=$(now_ms); p1=$(proc_ticks "$server_pid" 2> /dev/null || echo "$p0"); m1=$(machine_ticks); children_cpu; c1=$children_s
    wall_ms=$((t1 - t0))
    scenario_cpu=$(awk -v p="$((p1 - p0))" -v hz="$clk_tck" -v ms="$wall_ms" -v n="$(nproc)" \
        -v m0="$m0" -v m1="$m1" -v c0="$c0" -v c1="$c1" -v answered="$(kv "$scenario_line" answered_all_phases)" 'BEGIN {
            split(m0, a, " "); split(m1, b, " ")
            total = b[1] - a[1]; idle = b[2] - a[2]
            busy = total > 0 ? (total - idle) / total * n : 0
            server = p / hz / (ms / 1000); driver = (c1 - c0) / (ms / 1000)
            other = busy - server - driver; if (other < 0) other = 0
            printf "server_cores=%.2f driver_cores=%.2f other_cores=%.2f machine_busy_cores=%.2f", server, driver, other, busy
            # CPU time per answered request: the figure that other work on the machine disturbs least.
            if (answered + 0 > 0) printf " server_cpu_us_per_req=%.0f", p / hz / answered * 1e6
        }')
    if [ "$rc" -ne 0 ]; then
        echo "bench: the $1 scenario had errors (driver exit $rc); see above" >&2
        failures=$((failures + 1))
    fi
    [ -n "$scenario_line" ] || scenario_line="scenario=$1 failed=1"
    lines[$1]=$scenario_line
    cpus[$1]=$scenario_cpu
}

echo "bench: server up on port $port in $startup_ms ms; bin scenario (${warmup} s warm-up + ${duration} s)" >&2
run_scenario bin
rss_bin=$(rss_kb "$server_pid")
echo "bench: bin-fresh scenario, every page read from the database (${warmup} s warm-up + ${duration} s)" >&2
run_scenario bin-fresh
echo "bench: queue-fresh scenario, the queue's first page read from the database (${warmup} s warm-up + ${duration} s)" >&2
run_scenario queue-fresh
echo "bench: create scenario (${warmup} s warm-up + ${duration} s)" >&2
run_scenario create
rss_create=$(rss_kb "$server_pid")
# Calibration, not a target: the cheapest endpoint (no database, no sign-in) shows what the HTTP layer and the
# driver alone reach on this machine: a ceiling for the two scenarios above.
echo "bench: calibration: health endpoint (1 s warm-up + 3 s)" >&2
run_scenario health 3 1
health_line=${lines[health]}
health_cpu=${cpus[health]}
rss_peak=$(hwm_kb "$server_pid")

kill -0 "$server_pid" 2> /dev/null || { echo "bench: the server died during the load; see $server_log" >&2; exit 1; }
stop_start=$(now_ms)
kill -TERM "$server_pid"
server_rc=0
wait "$server_pid" || server_rc=$?
stop_ms=$(( $(now_ms) - stop_start ))
server_pid=""

# --- 4. The report -----------------------------------------------------------------------------------------------
# verdict VALUE OP LIMIT: PASS or FAIL (OP is < or >=).
verdict() {
    awk -v v="$1" -v op="$2" -v limit="$3" 'BEGIN {
        if (v == "?") { print "n/a"; exit }
        ok = (op == "<") ? (v + 0 < limit + 0) : (v + 0 >= limit + 0)
        print ok ? "PASS" : "FAIL"
    }'
}
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal:/ { printf "%.0f GB", $2 / 1024 / 1024 }' /proc/meminfo)
fs=$(df -PT "$out" | awk 'NR == 2 { print $2 " on " $1 }')
row() { printf '  %-34s %-30s %-16s %s\n' "$@"; }

report=$(
    echo "shiftdesk bench — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$here/.." rev-parse --short HEAD 2> /dev/null || echo '?')"
    echo "machine:  nproc=$(nproc), CPU: ${cpu:-unknown}, RAM: $mem_total, $(uname -sr), bench/out: $fs"
    echo "          load average before the run: $loadavg_before (other work on the machine skews every figure)"
    echo "database: ${db#"$here/../"}: $tickets tickets (${queue:-about 4% of them} in the queue), $engineers engineers" \
        "($seeded); the run used a copy"
    echo "load:     $connections keep-alive connections, closed loop, ${warmup} s warm-up + ${duration} s measured," \
        "driver on $load_threads thread(s); server --threads ${server_threads:-default (one per core)}"
    echo
    row "figure" "measured" "target" "verdict"
    row "start-up until listening" "$startup_ms ms" "< 2000 ms" "$(verdict "$startup_ms" "<" 2000)"
    row "resident after start-up" "$(mb "$rss_start")" "< 300 MB" "$(verdict "$rss_start" "<" $((300 * 1024)))"
    for s in bin bin-fresh queue-fresh create; do
        l=${lines[$s]}
        c=${cpus[$s]}
        if [ $s = create ]; then min_rps=5000; max_p99=50; else min_rps=10000; max_p99=5; fi
        row "$s: requests/s" "$(kv "$l" rps)" ">= $min_rps" "$(verdict "$(kv "$l" rps)" ">=" $min_rps)"
        row "$s: p50 / p99 / max latency" "$(kv "$l" p50_ms) / $(kv "$l" p99_ms) / $(kv "$l" max_ms) ms" \
            "p99 < $max_p99 ms" "$(verdict "$(kv "$l" p99_ms)" "<" $max_p99)"
        row "$s: requests / errors" "$(kv "$l" requests) / $(kv "$l" errors)" "0 errors" \
            "$(verdict "$(kv "$l" errors)" "<" 1)"
        row "$s: CPU cores: server/driver/other" \
            "$(kv "$c" server_cores) / $(kv "$c" driver_cores) / $(kv "$c" other_cores)" "of $(nproc)" ""
        row "$s: server CPU per request" "$(kv "$c" server_cpu_us_per_req) us" "" ""
    done
    row "calibration: health requests/s" "$(kv "$health_line" rps)" "(no target)" ""
    row "calibration: health p50 / p99" "$(kv "$health_line" p50_ms) / $(kv "$health_line" p99_ms) ms" "" ""
    row "calibration: server CPU per req" "$(kv "$health_cpu" server_cpu_us_per_req) us" "" ""
    row "resident after bin load" "$(mb "$rss_bin")" "" ""
    row "resident after create load" "$(mb "$rss_create")" "" ""
    row "peak resident (VmHWM)" "$(mb "$rss_peak")" "" ""
    row "shutdown after SIGTERM" "$stop_ms ms, exit $server_rc" "" ""
    echo
    echo "raw: startup_ms=$startup_ms rss_start_kb=$rss_start rss_after_bin_kb=$rss_bin rss_after_create_kb=$rss_create" \
        "rss_peak_kb=$rss_peak stop_ms=$stop_ms server_exit=$server_rc"
    for s in bin bin-fresh queue-fresh create health; do echo "raw: ${lines[$s]} ${cpus[$s]}"; done
)
echo "$report"
echo "$report" > "$out/last-run.txt"
echo "bench: this report is also in bench/out/last-run.txt; the server's log is bench/out/server.log" >&2

if [ "$failures" -ne 0 ] || [ "$server_rc" -ne 0 ]; then exit 1; fi
