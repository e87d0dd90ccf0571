// One SQLite connection with a cache of prepared statements. Not thread-safe: one thread at a time.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"

namespace shiftdesk::store {

class SqliteConn final : public Conn {
 public:
    // Takes ownership of db.
    explicit SqliteConn(sqlite3* db) : db_(db) {}
    ~SqliteConn() override;
    SqliteConn(const SqliteConn&) = delete;
    SqliteConn& operator=(const SqliteConn&) = delete;

    // Opens with the given flags and applies the pragmas every connection shares (busy timeout, memory map,
    // page cache).
    static Result<std::unique_ptr<SqliteConn>> Open(const std::string& path, int flags, int busy_timeout_ms,
                                                    std::int64_t mmap_bytes);

    Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
    Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) override;
    Result<std::int64_t> Insert(std::string_view sql, const Params& params) override;
    Result<void> ExecScript(std::string_view sql) override;

    // The last failure of the storage itself (a full disk, an I/O error, a read-only file) since the last call:
    // the writer learns from it even when a command swallowed the error and was undone.
    std::optional<Error> TakeStorageFault();
    sqlite3* handle() const { return db_; }

 private:
    struct Statement {
        sqlite3_stmt* stmt = nullptr;
        std::vector<int> slot_of_param;  // $1 -> SQLite's index of the parameter named "$1", 0 when unused
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);
    Result<void> Step(sqlite3_stmt* stmt, Rows* rows);
    // The error for `rc`, remembered when it is a failure of the storage.
    Error Fail(int rc, std::string_view context);

    sqlite3* db_;
    std::optional<Error> storage_fault_;
    std::unordered_map<std::string, Statement, Hash, std::equal_to<>> statements_;
};

// Maps a SQLite result code to the one error list, so retry-on-busy is decided in one place.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace shiftdesk::store
