// One SQLite connection with a cache of prepared statements. Not thread-safe: one thread at a time.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/db.hpp"

namespace shiftdesk::store {

class SqliteConn final : public Conn {
public:
    // Takes ownership of db.
    explicit SqliteConn(sqlite3* db) : db_(db) {}
    ~SqliteConn() override;
    SqliteConn(const SqliteConn&) = delete;
    SqliteConn& operator=(const SqliteConn&) = delete;

    static Result<std::unique_ptr<SqliteConn>> Open(const std::string& path, int flags, int busy_timeout_ms);

    Result<Rows> Query(std::string_view sql, const Params& params = {}) override;
    Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) override;
    Result<void> ExecScript(std::string_view sql) override;

private:
    Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Maps a SQLite result code to the one error list, so retry-on-busy is decided in one place.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace shiftdesk::store
