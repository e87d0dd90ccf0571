// SQLite behind the Db interface: one writer thread with group commit (many commands, one durable commit),
// and a pool of read-only connections that see the last committed state (WAL).
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "store/db.hpp"
#include "store/sqlite/sqlite_conn.hpp"

namespace shiftdesk::store {
namespace {

class SqliteDb final : public Db {
 public:
    SqliteDb(std::string path, SqliteOptions options, std::unique_ptr<SqliteConn> writer)
        : path_(std::move(path)), options_(options), writer_(std::move(writer)) {
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

    Result<std::uint64_t> DataVersion() override {
        // PRAGMA data_version changes when any other connection commits: the writer here, or another process.
        std::lock_guard lock(version_mu_);
        if (!version_conn_) {
            version_conn_ = SD_TRY(SqliteConn::Open(path_, SQLITE_OPEN_READONLY, options_.busy_timeout_ms, 0));
        }
        auto row = SD_TRY(version_conn_->QueryOne("PRAGMA data_version"));
        return static_cast<std::uint64_t>(row->Int(0));
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
        Result<void> commit = Step("BEGIN IMMEDIATE");
        for (auto& job : batch) {
            if (!commit) break;
            commit = Step("SAVEPOINT command");
            if (!commit) break;
            if (!Guarded(job.run)) {
                commit = Step("ROLLBACK TO command");
                if (!commit) break;
                if (job.after_undo && !Guarded(job.after_undo)) {
                    commit = Step("ROLLBACK TO command");
                    if (!commit) break;
                }
            }
            commit = Step("RELEASE command");
        }
        if (commit) commit = Step("COMMIT");
        if (!commit) (void)Step("ROLLBACK");
        for (auto& job : batch) job.done(commit);
    }

    // A job's code is not trusted to be exception-free: an exception undoes the job, not the group.
    bool Guarded(const std::function<bool(Conn&)>& fn) {
        try {
            return fn(*writer_);
        } catch (...) {
            return false;
        }
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
    return std::unique_ptr<Db>(std::make_unique<SqliteDb>(path, options, std::move(*writer)));
}

}  // namespace shiftdesk::store
