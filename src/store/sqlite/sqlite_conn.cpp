#include "store/sqlite/sqlite_conn.hpp"

#include <string>

namespace shiftdesk::store {

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
    std::string message = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    switch (rc & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return MakeError(ErrorCode::kBusy, std::move(message));
        case SQLITE_CONSTRAINT:
            return MakeError(ErrorCode::kConflict, std::move(message));
        default:
            return Internal(std::move(message));
    }
}

SqliteConn::~SqliteConn() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteConn>> SqliteConn::Open(const std::string& path, int flags, int busy_timeout_ms) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = SqliteError(db, rc, "opening " + path);
        sqlite3_close_v2(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    return std::make_unique<SqliteConn>(db);
}

Result<sqlite3_stmt*> SqliteConn::Prepare(std::string_view sql, const Params& params) {
    sqlite3_stmt* stmt = nullptr;
    const std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) {
        stmt = it->second;
    } else {
        const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                          &stmt, nullptr);
        if (rc != SQLITE_OK) return SqliteError(db_, rc, "preparing SQL");
        statements_.emplace(key, stmt);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    // Parameters are written $1, $2, ... as PostgreSQL has them; SQLite numbers named parameters by first
    // appearance, so bind each by its name.
    for (std::size_t i = 0; i < params.size(); ++i) {
        const std::string name = "$" + std::to_string(i + 1);
        const int index = sqlite3_bind_parameter_index(stmt, name.c_str());
        if (index == 0) continue;
        const Value& v = params[i];
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(v)) {
            rc = sqlite3_bind_null(stmt, index);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt, index, *n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt, index, *d);
        } else {
            const auto& s = std::get<std::string>(v);
            rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) return SqliteError(db_, rc, "binding " + name);
    }
    return stmt;
}

Result<Rows> SqliteConn::Query(std::string_view sql, const Params& params) {
    auto prepared = Prepare(sql, params);
    if (!prepared) return prepared.error();
    sqlite3_stmt* stmt = *prepared;
    Rows rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            Error e = SqliteError(db_, rc, "running SQL");
            sqlite3_reset(stmt);
            return e;
        }
        std::vector<Value> cells;
        cells.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_NULL:
                    cells.emplace_back(nullptr);
                    break;
                case SQLITE_INTEGER:
                    cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
                    break;
                case SQLITE_FLOAT:
                    cells.emplace_back(sqlite3_column_double(stmt, c));
                    break;
                default: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    cells.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                }
            }
        }
        rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(stmt);
    return rows;
}

Result<std::int64_t> SqliteConn::Execute(std::string_view sql, const Params& params) {
    auto rows = Query(sql, params);
    if (!rows) return rows.error();
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConn::ExecScript(std::string_view sql) {
    char* message = nullptr;
    const std::string script(sql);
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        Error e = SqliteError(nullptr, rc, "running script");
        e.message = "running script: " + text;
        return e;
    }
    return {};
}

}  // namespace shiftdesk::store
