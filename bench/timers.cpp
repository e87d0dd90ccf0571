// shiftdesk_timers_bench: what the due-work engine (app::DueWork::RunDueWork) costs on a desk of a million tickets
// whose open tickets all carry SLA clocks (see bench/README.md, "The timer engine"): a second with nothing due, a
// burst of N warnings falling due at the same instant, and the memory the process holds meanwhile.
//
// It works on a copy of a database seeded by `shiftdesk bench seed` (PATH.timers.db, deleted at the end), gives the
// copy's open tickets due times spread over 30 days, and drives the due work over it with a ManualClock, so "a second"
// is one RunDueWork at a chosen instant, timed with steady_clock. Output: a report, then one `key=value` line.
//
// Exit status: 0 when every run did what was expected, 2 when a check failed (the figures are still printed),
// 1 when the run could not start (bad flags, no seed, a database error).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "app/due_work.hpp"
#include "app/wait.hpp"
#include "common/clock.hpp"
#include "flags.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace {

namespace fs = std::filesystem;
using namespace shiftdesk;
using Steady = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: shiftdesk_timers_bench --db PATH [options]\n"
    "  --db PATH         a database seeded by `shiftdesk bench seed`; it is copied to PATH.timers.db, which is\n"
    "                    measured and deleted at the end (the seed itself is only read)\n"
    "  --due N           tickets whose SLA warning falls due at the same instant (default 1000)\n"
    "  --seconds S       seconds with nothing due to time before that instant (default 30)\n"
    "  --clocks WHICH    open: the open tickets carry SLA clocks, as on a real desk (default);\n"
    "                    all: every ticket does, solved and closed too, for an index as large as the seed\n";

// The engine's batch (RunDueWork, kBatch): how many tickets one run announces at most.
constexpr int kEngineBatch = 500;

struct Options {
    std::string db;
    int due = 1000;
    int seconds = 30;
    bool all_tickets = false;
};

[[noreturn]] void Usage(const std::string& why) {
    std::cerr << "shiftdesk_timers_bench: " << why << "\n" << kUsage;
    std::exit(1);
}

Options ParseArgs(int argc, char** argv) {
    Options o;
    shiftdesk::bench::FlagReader flags(argc, argv, Usage);
    while (flags.Next()) {
        const std::string& arg = flags.name();
        if (arg == "-h" || arg == "--help") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (arg == "--db") {
            o.db = flags.Value();
        } else if (arg == "--due") {
            o.due = flags.Number<int>();
        } else if (arg == "--seconds") {
            o.seconds = flags.Number<int>();
        } else if (arg == "--clocks") {
            const std::string which = flags.Value();
            if (which != "open" && which != "all") Usage("--clocks must be open or all");
            o.all_tickets = which == "all";
        } else {
            Usage("unknown flag " + arg);
        }
    }
    if (o.db.empty()) Usage("--db is required");
    if (o.due < 1) Usage("--due must be at least 1");
    // The other tickets' clocks start after the idle window and the burst, inside 30 days.
    if (o.seconds < 1 || o.seconds > 86400) Usage("--seconds must be 1 to 86400");
    return o;
}

// --- Measuring ------------------------------------------------------------------------------------------------

struct Memory {
    std::int64_t rss_kb = 0;
    std::int64_t hwm_kb = 0;
    std::int64_t anon_kb = 0;   // the heap: what the process itself allocated, SQLite's page cache included
    std::int64_t file_kb = 0;   // database pages mapped in (SQLite reads through mmap): the OS page cache's
    std::int64_t shmem_kb = 0;  // the same, when the database is on tmpfs
};

Memory ReadMemory() {
    Memory m;
    std::ifstream in("/proc/self/status");
    const std::map<std::string, std::int64_t*> wanted{{"VmRSS:", &m.rss_kb},
                                                      {"VmHWM:", &m.hwm_kb},
                                                      {"RssAnon:", &m.anon_kb},
                                                      {"RssFile:", &m.file_kb},
                                                      {"RssShmem:", &m.shmem_kb}};
    for (std::string key; in >> key;) {
        if (const auto it = wanted.find(key); it != wanted.end()) in >> *it->second;
        in.ignore(1 << 10, '\n');
    }
    m.file_kb += m.shmem_kb;
    return m;
}

double ProcessCpuUs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

std::int64_t FileBytes(const std::string& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
}

std::string Mb(std::int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

// Nearest rank, as bench/load.cpp: the smallest value with at least p% of the samples at or below it.
double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double Mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

struct Run {
    app::DueWorkReport work;
    double wall_us = 0;
    double cpu_us = 0;  // the whole process: the writer thread does the work, the caller only waits
};

Run RunDueWorkOnce(app::DueWork& desk) {
    const double cpu0 = ProcessCpuUs();
    const auto t0 = Steady::now();
    auto r =
        app::Wait<app::DueWorkReport>([&](app::Done<app::DueWorkReport> done) { desk.RunDueWork(std::move(done)); });
    const auto t1 = Steady::now();
    const double cpu1 = ProcessCpuUs();
    if (!r) throw std::runtime_error("RunDueWork failed: " + r.error().message);
    return {*r, std::chrono::duration<double, std::micro>(t1 - t0).count(), cpu1 - cpu0};
}

std::int64_t Count(store::Db& db, std::string_view sql, const store::Params& params = {}) {
    std::int64_t n = 0;
    const auto r = db.Read([&](store::Conn& c) -> Result<void> {
        n = SD_TRY(c.QueryOne(sql, params))->Int(0);
        return {};
    });
    if (!r) throw std::runtime_error(std::string(sql) + ": " + r.error().message);
    return n;
}

std::unique_ptr<store::Db> Open(const std::string& path) {
    auto db = store::OpenSqlite(path, {.create = false});
    if (!db) throw std::runtime_error("opening " + path + ": " + db.error().message);
    return std::move(*db);
}

void Write(store::Db& db, const std::string& what, std::function<Result<void>(store::Conn&)> fn) {
    const auto r = db.WriteAndWait(std::move(fn));
    if (!r) throw std::runtime_error(what + ": " + r.error().message);
}

// The copy the run works on, removed with its write-ahead log whichever way the run ends.
class ScratchDatabase {
 public:
    ScratchDatabase(const std::string& seed, std::string path) : path_(std::move(path)) {
        Remove();
        fs::copy_file(seed, path_);
        // A seed without sqlite3 at hand to fold its log in keeps part of its data in the log.
        if (FileBytes(seed + "-wal") > 0) fs::copy_file(seed + "-wal", path_ + "-wal");
    }
    ~ScratchDatabase() { Remove(); }
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& path() const { return path_; }
    std::int64_t Bytes() const { return FileBytes(path_) + FileBytes(path_ + "-wal"); }

 private:
    void Remove() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
    }

    std::string path_;
};

// --- Preparation ----------------------------------------------------------------------------------------------

// The statuses whose SLA clocks run; the seed also has solved and closed tickets, whose clocks have stopped.
constexpr std::string_view kOpenStatuses = "('open', 'pending', 'on_hold', 'new')";

// Gives tickets SLA clocks, all of them starting after the idle window and the burst. Per ticket (from its id,
// so two runs prepare the same database): the next update warns at W, somewhere in (T0 + S, T0 + 30 days), and
// is due 2 hours later (the 75 % warning of an 8-hour target); the resolution warns 1 to 5 days after W and is
// due 2 days after that. sla_check_at is the earliest of those four, W, and due_at the earliest deadline, as
// policy::Refresh and DueFirst would have written them. Pending tickets would really hold paused clocks (no due
// times); they get running ones here, so that the index holds every open ticket.
std::string ClockUpdateSql(bool all_tickets) {
    // Fibonacci hashing spreads consecutive ids evenly over 2^32; scaled to whole seconds of the span ($3),
    // plus the id's last three digits as milliseconds, so instants rarely coincide.
    const std::string warn = "$1 + $2 + ((id * 2654435761) % 4294967296) * $3 / 4294967296 * 1000 + id % 1000";
    return "UPDATE tickets SET sla_check_at = d.w, update_warn_at = d.w, update_due = d.w + " +
           std::to_string(2 * kHour) + ", resolution_warn_at = d.r, resolution_due = d.r + " +
           std::to_string(2 * kDay) + ", due_at = d.w + " + std::to_string(2 * kHour) +
           ", first_response_at = CASE WHEN status = 'new' THEN NULL ELSE created_at END, "
           "first_response_due = CASE WHEN status = 'new' THEN d.w + " +
           std::to_string(2 * kHour) +
           " ELSE NULL END, promised_at = NULL, sla_paused_at = NULL, breached_at = NULL, sla_state = 'ok', "
           "sla_reported = 0 "
           "FROM (SELECT id, w, w + (1 + id % 5) * " +
           std::to_string(kDay) + " AS r FROM (SELECT id, " + warn + " AS w FROM tickets" +
           (all_tickets ? "" : " WHERE status IN " + std::string(kOpenStatuses)) + ")) AS d WHERE tickets.id = d.id";
}

// What the preparation reports: plain numbers, so that the child process that prepares can send them whole.
struct Prepared {
    std::int64_t with_clock = 0;
    std::int64_t open_tickets = 0;
    std::int64_t tickets = 0;
    std::int64_t other_due_work = 0;  // timers, pending requests and off-queue windows: none in a seed
    double migrate_s = 0;
    double update_s = 0;
    std::int64_t peak_kb = 0;  // the preparing process's peak RSS
    char plan[200] = {};       // how SQLite finds the tickets due
};
static_assert(std::is_trivially_copyable_v<Prepared>);

Prepared Prepare(store::Db& db, const Options& o, Millis t0) {
    Prepared p;
    auto start = Steady::now();
    const auto seconds_since = [&] {
        const auto now = Steady::now();
        const double s = std::chrono::duration<double>(now - start).count();
        start = now;
        return s;
    };
    if (auto migrated = store::Migrate(db, SystemClock().Now()); !migrated) {
        throw std::runtime_error("migrating: " + migrated.error().message);
    }
    p.migrate_s = seconds_since();

    const Millis first = (o.seconds + 1) * kSecond;
    const std::int64_t spread_s = 30 * kDay / kSecond - (o.seconds + 1);
    std::int64_t burst = 0;
    Write(db, "giving tickets SLA clocks", [&](store::Conn& c) -> Result<void> {
        SD_CHECK(c.Execute(ClockUpdateSql(o.all_tickets), {t0, first, spread_s}));
        // N tickets scattered over the table (the same hash orders them), so the burst reads N separate pages, as
        // tickets opened at different times would be. Pending ones are left out: their clocks would be paused.
        // Only the next update's warning falls due at T0: each announces one warning, and nothing else.
        burst = SD_TRY(c.Execute(
            "UPDATE tickets SET sla_check_at = $1, update_warn_at = $1, update_due = $1 + " +
                std::to_string(2 * kHour) + ", due_at = $1 + " + std::to_string(2 * kHour) +
                ", first_response_due = CASE WHEN status = 'new' THEN $1 + " + std::to_string(2 * kHour) +
                " ELSE NULL END WHERE id IN (SELECT id FROM tickets WHERE status IN ('open', 'on_hold', 'new') "
                "ORDER BY (id * 2654435761) % 4294967296 LIMIT $2)",
            {t0, std::int64_t{o.due}}));
        return {};
    });
    if (burst != o.due) {
        throw std::runtime_error("--due " + std::to_string(o.due) + " but the seed has only " + std::to_string(burst) +
                                 " open, new or on-hold tickets");
    }
    p.update_s = seconds_since();

    p.tickets = Count(db, "SELECT COUNT(*) FROM tickets");
    p.open_tickets = Count(db, "SELECT COUNT(*) FROM tickets WHERE status IN " + std::string(kOpenStatuses));
    p.with_clock = Count(db, "SELECT COUNT(*) FROM tickets WHERE sla_check_at IS NOT NULL");
    const auto due_by_end =
        Count(db, "SELECT COUNT(*) FROM tickets WHERE sla_check_at <= $1", {t0 + Millis{o.seconds} * kSecond});
    const auto due_at_t0 = Count(db, "SELECT COUNT(*) FROM tickets WHERE sla_check_at = $1", {t0});
    if (due_by_end != o.due || due_at_t0 != o.due) {
        throw std::runtime_error("preparation: " + std::to_string(due_by_end) + " tickets due by T0 + S and " +
                                 std::to_string(due_at_t0) + " at T0, expected " + std::to_string(o.due));
    }
    p.other_due_work = Count(db,
                             "SELECT (SELECT COUNT(*) FROM timers) + (SELECT COUNT(*) FROM requests WHERE state = "
                             "'pending') + (SELECT COUNT(*) FROM users WHERE off_queue = 1)");
    // The same query as store::TicketsDueForSla: a second with nothing due should be one probe of its index.
    std::string plan;
    (void)db.Read([&](store::Conn& c) -> Result<void> {
        for (const auto& row : SD_TRY(c.Query("EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE sla_check_at IS NOT "
                                              "NULL AND sla_check_at <= $1 ORDER BY sla_check_at LIMIT $2",
                                              {t0, std::int64_t{kEngineBatch}}))) {
            plan += (plan.empty() ? "" : "; ") + row.Text(3);
        }
        return {};
    });
    plan.copy(p.plan, sizeof p.plan - 1);
    return p;
}

// Prepares in a child process, so that nothing the preparation held (SQLite's caches through a 300,000-row UPDATE,
// what glibc keeps of the memory it freed, the pages its counts mapped) is in the memory measured here. Closing the
// database at the end folds the preparation's large write-ahead log into the file, as the server's own checkpoints
// would have long before the engine's next second: the runs start from a checkpointed database.
Prepared PrepareInChild(const std::string& path, const Options& o, Millis t0) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    std::cout.flush();
    std::cerr.flush();
    // Forked before this process opens the database or starts a thread: the child starts from a clean slate.
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        close(pipe_fds[0]);
        int rc = 0;
        try {
            auto db = Open(path);
            const Prepared p = Prepare(*db, o, t0);
            db->Close();
            if (write(pipe_fds[1], &p, sizeof p) != static_cast<ssize_t>(sizeof p)) rc = 1;
        } catch (const std::exception& e) {
            std::cerr << "shiftdesk_timers_bench: " << e.what() << "\n";
            rc = 1;
        }
        std::_Exit(rc);  // the parent's destructors (the copy's removal among them) are the parent's to run
    }
    close(pipe_fds[1]);
    Prepared p;
    const bool whole = read(pipe_fds[0], &p, sizeof p) == static_cast<ssize_t>(sizeof p);
    close(pipe_fds[0]);
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !whole) {
        throw std::runtime_error("the preparation failed");
    }
    p.peak_kb = usage.ru_maxrss;
    return p;
}

// --- The runs ----------------------------------------------------------------------------------------------

struct Figures {
    Prepared prepared;
    std::int64_t prepared_bytes = 0;
    std::int64_t end_bytes = 0;
    Run cold;
    std::vector<Run> idle;
    std::vector<Run> burst;
    Run after;  // the run after the burst, at T0 still
    int announced = 0;
    std::int64_t warnings = 0;
    std::int64_t breaches = 0;
    std::int64_t notifications = 0;
    double reopen_s = 0;
    Memory before;  // the Desk open, before the first run
    Memory after_idle;
    Memory after_burst;
    int failures = 0;
};

// The idle seconds, the burst at T0 and the run after it; a run that did not do what it should counts a failure.
void Measure(app::DueWork& desk, ManualClock& clock, const Options& o, Millis t0, Figures& f) {
    const auto check = [&](bool ok, const std::string& what) {
        if (ok) return;
        ++f.failures;
        std::cerr << "timers bench: FAILED: " << what << "\n";
    };
    const auto only_sla = [](const app::DueWorkReport& w) {
        return w.requests_expired == 0 && w.off_queue_ended == 0 && w.timers_fired == 0;
    };
    const Millis idle_from = t0 - Millis{o.seconds} * kSecond;

    // The first run of a Desk prepares its statements and reads the index pages for the first time; a server
    // pays that once, so it is reported apart and left out of the idle figures.
    std::cerr << "timers bench: " << o.seconds << " idle seconds\n";
    clock.Set(idle_from - kSecond);
    f.cold = RunDueWorkOnce(desk);
    check(f.cold.work.sla_announced == 0 && only_sla(f.cold.work), "the cold run before T0 - S announced work");
    for (int i = 0; i < o.seconds; ++i) {
        clock.Set(idle_from + Millis{i} * kSecond);
        f.idle.push_back(RunDueWorkOnce(desk));
        const app::DueWorkReport& w = f.idle.back().work;
        check(w.sla_announced == 0 && only_sla(w),
              "idle second " + std::to_string(i) + " announced " + std::to_string(w.sla_announced));
    }
    f.after_idle = ReadMemory();

    std::cerr << "timers bench: the burst of " << o.due << " at T0\n";
    clock.Set(t0);
    // Enough runs for N at the engine's batch, and one spare: a run that finds nothing ends the burst anyway.
    const int max_runs = (o.due + kEngineBatch - 1) / kEngineBatch + 1;
    while (f.announced < o.due && static_cast<int>(f.burst.size()) < max_runs) {
        f.burst.push_back(RunDueWorkOnce(desk));
        const app::DueWorkReport& w = f.burst.back().work;
        check(only_sla(w), "the burst fired something other than SLA announcements");
        f.announced += w.sla_announced;
        if (w.sla_announced == 0) break;
    }
    check(f.announced == o.due,
          "the burst announced " + std::to_string(f.announced) + ", expected " + std::to_string(o.due));
    // Nothing else may be due at T0: the run after the burst is a second with nothing due again.
    f.after = RunDueWorkOnce(desk);
    check(f.after.work.sla_announced == 0,
          "the run after the burst announced " + std::to_string(f.after.work.sla_announced));
    f.after_burst = ReadMemory();
}

// What the burst left behind must be N warnings: the events, and the tickets now in the warning state.
void CheckWritten(store::Db& db, const Options& o, Figures& f) {
    f.warnings = Count(db, "SELECT COUNT(*) FROM events WHERE action = 'sla.warning'");
    f.breaches = Count(db, "SELECT COUNT(*) FROM events WHERE action = 'sla.breached'");
    f.notifications = Count(db, "SELECT COUNT(*) FROM notifications");
    const auto warned = Count(db, "SELECT COUNT(*) FROM tickets WHERE sla_state = 'warning'");
    if (f.warnings == o.due && f.breaches == 0 && warned == o.due) return;
    ++f.failures;
    std::cerr << "timers bench: FAILED: expected " << o.due << " warnings, found " << f.warnings << " warning events, "
              << f.breaches << " breaches, " << warned << " tickets in warning\n";
}

std::string Fixed(double v, int digits = 0) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, v);
    return text;
}

std::string Us(double v) { return Fixed(v) + " us"; }

std::string Describe(const Memory& m) {
    return "RSS " + Mb(m.rss_kb * 1024) + " (heap " + Mb(m.anon_kb * 1024) + ", database pages mapped " +
           Mb(m.file_kb * 1024) + "), peak " + Mb(m.hwm_kb * 1024);
}

void PrintReport(const Options& o, const Figures& f) {
    const auto line = [](std::string_view label, const std::string& value) {
        std::printf("  %-40.*s %s\n", static_cast<int>(label.size()), label.data(), value.c_str());
    };
    std::vector<double> idle_us;
    std::vector<double> idle_cpu_us;
    for (const Run& r : f.idle) {
        idle_us.push_back(r.wall_us);
        idle_cpu_us.push_back(r.cpu_us);
    }
    double burst_us = 0;
    double burst_cpu_us = 0;
    std::string each_run;
    std::string each_run_kv;
    for (const Run& r : f.burst) {
        burst_us += r.wall_us;
        burst_cpu_us += r.cpu_us;
        each_run += (each_run.empty() ? "" : ", ") + Us(r.wall_us) + " (" + std::to_string(r.work.sla_announced) + ")";
        each_run_kv += (each_run_kv.empty() ? "" : ",") + Fixed(r.wall_us);
    }
    const Prepared& p = f.prepared;

    std::printf("shiftdesk timer engine bench: %s\n", o.db.c_str());
    line("tickets / open / with an SLA clock", std::to_string(p.tickets) + " / " + std::to_string(p.open_tickets) +
                                                   " / " + std::to_string(p.with_clock) +
                                                   (o.all_tickets ? " (--clocks all)" : ""));
    line("timers + requests + off-queue windows", std::to_string(p.other_due_work));
    line("preparation (a child process)", "migrations " + Fixed(p.migrate_s, 1) + " s, clocks " + Fixed(p.update_s, 1) +
                                              " s; opening for the runs " + Fixed(f.reopen_s, 3) + " s");
    line("database after preparation / the runs", Mb(f.prepared_bytes) + " / " + Mb(f.end_bytes));
    line("query plan of the tickets due", p.plan);
    std::printf("idle: %d seconds with nothing due (T0 - %d s .. T0 - 1 s), one RunDueWork each\n", o.seconds,
                o.seconds);
    line("cold first run (not counted)", Us(f.cold.wall_us));
    line("wall time per run", "mean " + Fixed(Mean(idle_us)) + " / p50 " + Fixed(Percentile(idle_us, 50)) + " / p99 " +
                                  Fixed(Percentile(idle_us, 99)) + " / max " + Fixed(Percentile(idle_us, 100)) + " us");
    line("process CPU per run (mean)", Us(Mean(idle_cpu_us)));
    std::printf("burst: %d tickets' next-update warnings due at T0 (warnings, not breaches: due is T0 + 2 h)\n", o.due);
    line("wall time until all announced",
         Us(burst_us) + " in " + std::to_string(f.burst.size()) + " runs of at most " + std::to_string(kEngineBatch));
    line("each run (announced)", each_run);
    line("per announcement",
         Fixed(burst_us / o.due, 1) + " us wall, " + Fixed(burst_cpu_us / o.due, 1) + " us process CPU");
    line("run after the burst (nothing due)", Us(f.after.wall_us));
    line("written", std::to_string(f.announced) + " announced; " + std::to_string(f.warnings) + " warning events, " +
                        std::to_string(f.breaches) + " breaches, " + std::to_string(f.notifications) +
                        " notifications");
    std::printf("memory (/proc/self/status)\n");
    line("Desk open, before the runs", Describe(f.before));
    line("after the idle seconds", Describe(f.after_idle));
    line("after the burst", Describe(f.after_burst));
    line("the preparing child's peak", Mb(p.peak_kb * 1024) + " (the bulk UPDATE, not the engine)");
    std::printf("%s\n", f.failures == 0 ? "checks: all passed" : "checks: FAILED (see stderr)");

    const std::vector<std::pair<std::string_view, std::string>> kv{
        {"tickets", std::to_string(p.tickets)},
        {"open_tickets", std::to_string(p.open_tickets)},
        {"sla_clocks", std::to_string(p.with_clock)},
        {"due", std::to_string(o.due)},
        {"idle_seconds", std::to_string(o.seconds)},
        {"cold_us", Fixed(f.cold.wall_us)},
        {"idle_mean_us", Fixed(Mean(idle_us))},
        {"idle_p50_us", Fixed(Percentile(idle_us, 50))},
        {"idle_p99_us", Fixed(Percentile(idle_us, 99))},
        {"idle_max_us", Fixed(Percentile(idle_us, 100))},
        {"idle_cpu_mean_us", Fixed(Mean(idle_cpu_us))},
        {"burst_runs", std::to_string(f.burst.size())},
        {"burst_total_us", Fixed(burst_us)},
        {"burst_run_us", each_run_kv},
        {"burst_per_item_us", Fixed(burst_us / o.due, 1)},
        {"burst_cpu_per_item_us", Fixed(burst_cpu_us / o.due, 1)},
        {"after_burst_us", Fixed(f.after.wall_us)},
        {"announced", std::to_string(f.announced)},
        {"rss_start_kb", std::to_string(f.before.rss_kb)},
        {"rss_idle_kb", std::to_string(f.after_idle.rss_kb)},
        {"rss_end_kb", std::to_string(f.after_burst.rss_kb)},
        {"rss_anon_end_kb", std::to_string(f.after_burst.anon_kb)},
        {"rss_mapped_end_kb", std::to_string(f.after_burst.file_kb)},
        {"hwm_kb", std::to_string(f.after_burst.hwm_kb)},
        {"hwm_prepare_kb", std::to_string(p.peak_kb)},
        {"db_bytes", std::to_string(f.end_bytes)},
        {"failures", std::to_string(f.failures)},
    };
    std::string out;
    for (const auto& [key, value] : kv) out += (out.empty() ? "" : " ") + std::string(key) + "=" + value;
    std::printf("%s\n", out.c_str());
}

}  // namespace

int main(int argc, char** argv) try {
    const Options o = ParseArgs(argc, argv);
    if (!fs::is_regular_file(o.db)) Usage("no database at " + o.db + " (seed one with `shiftdesk bench seed`)");
    std::cerr << "timers bench: copying " << o.db << "\n";
    const ScratchDatabase copy(o.db, o.db + ".timers.db");

    // T0 on a whole second a day from now: after anything the seed dated, and the copy is never served.
    const Millis t0 = (SystemClock().Now() / kSecond + 86400) * kSecond;

    Figures f;
    std::cerr << "timers bench: migrating the copy and giving tickets SLA clocks (one to three minutes)\n";
    f.prepared = PrepareInChild(copy.path(), o, t0);
    f.prepared_bytes = copy.Bytes();

    const auto reopen_start = Steady::now();
    auto db = Open(copy.path());
    f.reopen_s = std::chrono::duration<double>(Steady::now() - reopen_start).count();
    ManualClock clock(t0);
    const app::DeskOptions options;
    app::CommandRunner runner(*db, clock);
    app::DueWork desk(app::Context{clock, options, runner});
    f.before = ReadMemory();

    Measure(desk, clock, o, t0, f);
    CheckWritten(*db, o, f);
    f.end_bytes = copy.Bytes();
    db->Close();

    PrintReport(o, f);
    return f.failures == 0 ? 0 : 2;
} catch (const std::exception& e) {
    std::cerr << "shiftdesk_timers_bench: " << e.what() << "\n";
    return 1;
}
