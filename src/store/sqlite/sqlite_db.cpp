// SQLite behind the Db interface: one writer thread with group commit (many commands, one durable commit),
// and a pool of read-only connections that see the last committed state (WAL).
#include <spdlog/spdlog.h>
#include <sys/statvfs.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/log_limiter.hpp"
#include "store/db.hpp"
#include "store/sqlite/sqlite_conn.hpp"

namespace shiftdesk::store {
namespace {

// The desk's change counter (ChangeVersion): one row the writer bumps once per group that changed what the desk
// shows. Kept by the driver like its own bookkeeping, not by a migration, so it exists before any migration runs.
constexpr std::string_view kCounterTable =
    "CREATE TABLE IF NOT EXISTS desk_changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)";
constexpr std::string_view kCounterRow = "INSERT OR IGNORE INTO desk_changes (id, version) VALUES (1, 0)";
constexpr std::string_view kBumpCounter = "UPDATE desk_changes SET version = version + 1 WHERE id = 1";

std::int64_t UnixMillisNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t SteadyMillisNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Whether the storage takes writes. Each change of state is logged once, with its cause: a full disk must not be
// a silent 500, nor a line per refused request.
class HealthTracker {
 public:
    explicit HealthTracker(std::string path) : path_(std::move(path)) {}

    void Fault(const Error& e) {
        std::lock_guard lock(mu_);
        if (!state_.writable && state_.problem == e.message) return;
        const bool was_writable = state_.writable;
        state_.writable = false;
        state_.fault = e.code;
        state_.problem = e.message;
        if (was_writable) state_.since_unix_ms = UnixMillisNow();
        const auto free = FreeBytes();
        spdlog::error("storage: {} cannot take writes: {}{}. Writes are refused with {} until this is fixed; reads go "
                      "on. GET /api/v1/health reports the state.",
                      path_, e.message,
                      free ? " (" + std::to_string(*free) + " bytes free where the database lives)" : std::string(),
                      e.code == ErrorCode::kStorageFull ? "507" : "503");
    }

    void Wrote() {
        std::lock_guard lock(mu_);
        if (state_.writable) return;
        spdlog::warn("storage: {} takes writes again ({} s after it stopped)", path_,
                     (UnixMillisNow() - state_.since_unix_ms) / 1000);
        state_ = StorageHealth{};
    }

    StorageHealth Get() const {
        StorageHealth h;
        {
            std::lock_guard lock(mu_);
            h = state_;
        }
        h.free_bytes = FreeBytes();
        return h;
    }

    std::optional<std::int64_t> FreeBytes() const {
        struct statvfs fs{};
        const auto dir = std::filesystem::path(path_).parent_path();
        if (::statvfs(dir.empty() ? "." : dir.c_str(), &fs) != 0) return std::nullopt;
        return static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize);
    }

 private:
    const std::string path_;
    mutable std::mutex mu_;
    StorageHealth state_;
};

class SqliteDb final : public Db {
 public:
    SqliteDb(std::string path, SqliteOptions options, std::unique_ptr<SqliteConn> writer)
        : path_(std::move(path)), options_(options), writer_(std::move(writer)), health_(path_) {
        thread_ = std::thread([this] { WriterLoop(); });
    }
    ~SqliteDb() override { Close(); }

    void Submit(WriteJob job) override {
        {
            std::lock_guard lock(mu_);
            if (!closing_) {
                queue_.push_back(std::move(job));
                cv_.notify_one();
                return;
            }
        }
        job.done(MakeError(ErrorCode::kBusy, "the server is shutting down"));
    }

    Result<void> Read(const std::function<Result<void>(Conn&)>& fn) override {
        auto conn = Borrow();
        if (!conn) return conn.error();
        auto begun = (*conn)->Execute("BEGIN");
        Result<void> result = begun ? fn(**conn) : Result<void>(begun.error());
        if (begun) (void)(*conn)->Execute("COMMIT");
        Return(std::move(*conn));
        return result;
    }

    Result<std::uint64_t> ChangeVersion() override {
        // PRAGMA data_version changes when any other connection commits (the writer here, or another process): only
        // then can anything have changed, so most calls cost that one cheap pragma. Then the counter says whether
        // this desk's writer committed a change the desk shows. A commit by neither (the counter still, no commit of
        // the writer since the last look) came from another program writing the file by hand: that counts as a
        // change too, since nothing says what it touched.
        std::lock_guard lock(version_mu_);
        if (!version_conn_) {
            version_conn_ = SD_TRY(SqliteConn::Open(path_, SQLITE_OPEN_READONLY, options_.busy_timeout_ms, 0));
        }
        auto data = SD_TRY(version_conn_->QueryOne("PRAGMA data_version"));
        const auto data_version = data->Int(0);
        // Read after the pragma: the writer counts a commit right after it lands, so the two rarely disagree.
        const auto commits = writer_commits_.load(std::memory_order_acquire);
        if (data_version != seen_data_version_ || version_ == 0) {
            auto row = SD_TRY(version_conn_->QueryOne("SELECT version FROM desk_changes WHERE id = 1"));
            const std::int64_t counter = row ? row->Int(0) : 0;
            if (version_ == 0 || counter != seen_counter_ || commits == seen_commits_) ++version_;
            seen_counter_ = counter;
            seen_commits_ = commits;
            seen_data_version_ = data_version;
        }
        return version_;
    }

    StorageHealth Health() override { return health_.Get(); }

    Result<void> CheckWritable() override {
        if (sqlite3_db_readonly(writer_->handle(), "main") == 1) {
            return MakeError(ErrorCode::kUnavailable, "the database file is read-only");
        }
        // A real page written and committed: the write-ahead log must be writable too, and the disk not full.
        return WriteAndWait([](Conn& c) -> Result<void> {
            SD_CHECK(c.Execute("UPDATE desk_changes SET version = version WHERE id = 1"));
            return {};
        });
    }

    std::string_view Dialect() const override { return "sqlite"; }

    void Close() override {
        {
            std::lock_guard lock(mu_);
            if (closing_) return;
            closing_ = true;
            cv_.notify_one();
        }
        if (thread_.joinable()) thread_.join();
        {
            std::lock_guard lock(pool_mu_);
            readers_.clear();
        }
        {
            std::lock_guard lock(version_mu_);
            version_conn_.reset();
        }
        // The writer closes last: the last connection to close folds the write-ahead log into the file.
        writer_.reset();
    }

 private:
    void WriterLoop() {
        std::vector<WriteJob> batch;
        for (;;) {
            {
                std::unique_lock lock(mu_);
                cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
                if (queue_.empty()) return;  // closing, and every job is done
                const std::size_t n = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.begin() + n));
                queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
            }
            RunGroup(batch);
            batch.clear();
        }
    }

    // One transaction for the whole group; each job in a savepoint so a refused or failed job undoes only itself.
    void RunGroup(std::vector<WriteJob>& batch) {
        sqlite3* db = writer_->handle();
        bool announce = false;
        bool wrote = false;
        const auto group_changes_before = sqlite3_total_changes64(db);
        // Per job: what it threw, which it reports instead of the group's outcome.
        std::vector<std::optional<Error>> thrown(batch.size());
        Result<void> commit = Step("BEGIN IMMEDIATE");
        for (std::size_t i = 0; i < batch.size(); ++i) {
            auto& job = batch[i];
            if (!commit) break;
            commit = Step("SAVEPOINT command");
            if (!commit) break;
            const auto changes_before = sqlite3_total_changes64(db);
            if (!Guarded(job.run, thrown[i])) {
                commit = Step("ROLLBACK TO command");
                if (!commit) break;
                if (!thrown[i] && job.after_undo && !Guarded(job.after_undo, thrown[i])) {
                    commit = Step("ROLLBACK TO command");
                    if (!commit) break;
                }
            } else if (sqlite3_total_changes64(db) != changes_before) {
                wrote = true;
                announce = announce || job.announce;
            }
            commit = Step("RELEASE command");
        }
        if (commit && announce) commit = Step(kBumpCounter);
        if (commit) commit = Step("COMMIT");
        if (!commit) (void)Step("ROLLBACK");
        // Any commit that wrote — an audit line included — is the writer's own, not a stranger's (ChangeVersion).
        if (commit && sqlite3_total_changes64(db) != group_changes_before) {
            writer_commits_.fetch_add(1, std::memory_order_release);
        }
        // A command may have met a full disk and been undone while the rest of the group committed.
        auto fault = writer_->TakeStorageFault();
        if (!commit && (commit.error().code == ErrorCode::kStorageFull ||
                        commit.error().code == ErrorCode::kUnavailable)) {
            fault = commit.error();
        }
        if (fault) {
            health_.Fault(*fault);
        } else if (commit && wrote) {
            // Only a commit that wrote something proves the storage takes writes again.
            health_.Wrote();
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            // A job that threw was undone whatever became of the group: it reports its own failure.
            if (thrown[i]) {
                batch[i].done(*thrown[i]);
            } else {
                batch[i].done(commit);
            }
        }
    }

    // A job's code is not trusted to be exception-free: an exception undoes the job, not the group, and is kept in
    // `thrown` (and logged) for the job's done(). Returns false when fn asked to undo or threw.
    bool Guarded(const std::function<bool(Conn&)>& fn, std::optional<Error>& thrown) {
        std::string what;
        try {
            return fn(*writer_);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
            what = "an exception that is not a std::exception";
        }
        thrown = Internal("a command failed unexpectedly and was undone: " + what);
        const auto held_back = throw_log_.Allow(SteadyMillisNow());
        if (held_back) {
            spdlog::error("storage: a write command threw and was undone; the writer goes on: {}{}", what,
                          *held_back > 0 ? " (" + std::to_string(*held_back) + " more not logged)" : std::string());
        }
        return false;
    }

    Result<void> Step(std::string_view sql) {
        auto r = writer_->Execute(sql);
        if (!r) return r.error();
        return {};
    }

    Result<std::unique_ptr<SqliteConn>> Borrow() {
        {
            std::lock_guard lock(pool_mu_);
            if (!readers_.empty()) {
                auto conn = std::move(readers_.back());
                readers_.pop_back();
                return conn;
            }
        }
        auto conn = SqliteConn::Open(path_, SQLITE_OPEN_READONLY, options_.busy_timeout_ms, options_.mmap_bytes);
        if (!conn) return conn.error();
        return std::move(*conn);
    }

    void Return(std::unique_ptr<SqliteConn> conn) {
        std::lock_guard lock(pool_mu_);
        readers_.push_back(std::move(conn));
    }

    const std::string path_;
    const SqliteOptions options_;
    std::unique_ptr<SqliteConn> writer_;
    std::thread thread_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<WriteJob> queue_;
    bool closing_ = false;

    std::mutex pool_mu_;
    std::vector<std::unique_ptr<SqliteConn>> readers_;

    std::mutex version_mu_;
    std::unique_ptr<SqliteConn> version_conn_;
    std::int64_t seen_data_version_ = -1;
    std::int64_t seen_counter_ = -1;
    std::uint64_t seen_commits_ = 0;
    std::uint64_t version_ = 0;  // what ChangeVersion() answers: moves on every change seen
    std::atomic<std::uint64_t> writer_commits_{0};  // commits of this writer that wrote something

    HealthTracker health_;
    LogLimiter throw_log_{10'000, 20};  // a command that throws every time must not flood the log
};

}  // namespace

// Each connection is used by one thread at a time, so SQLite's own per-connection locking is not needed, and its
// memory statistics would make every allocation in every thread take one global mutex.
void ConfigureSqliteOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, const SqliteOptions& options) {
    ConfigureSqliteOnce();
    const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    auto writer = SqliteConn::Open(path, flags, options.busy_timeout_ms, options.mmap_bytes);
    if (!writer) return writer.error();
    // WAL lets readers run beside the writer; synchronous=FULL makes each commit durable before it is acknowledged.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        auto r = (*writer)->Query(pragma);
        if (!r) return r.error();
    }
    // Created only when missing, so that opening an existing database writes nothing.
    auto counter = (*writer)->QueryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'desk_changes'");
    if (!counter) return counter.error();
    if (!*counter) {
        for (auto sql : {kCounterTable, kCounterRow}) {
            if (auto r = (*writer)->Execute(sql); !r) return r.error();
        }
    }
    return std::unique_ptr<Db>(std::make_unique<SqliteDb>(path, options, std::move(*writer)));
}

}  // namespace shiftdesk::store
