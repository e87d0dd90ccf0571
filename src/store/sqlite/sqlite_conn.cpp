#include "store/sqlite/sqlite_conn.hpp"

#include <charconv>
#include <cstring>
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
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN: {
            // The operating system's reason ("No space left on device", "Read-only file system") is the cause an
            // operator needs; SQLite's own message is generic.
            const int os_error = db ? sqlite3_system_errno(db) : 0;
            if (os_error != 0) message += " (" + std::string(std::strerror(os_error)) + ")";
            return MakeError((rc & 0xFF) == SQLITE_FULL ? ErrorCode::kStorageFull : ErrorCode::kUnavailable,
                             std::move(message));
        }
        default:
            return Internal(std::move(message));
    }
}

Error SqliteConn::Fail(int rc, std::string_view context) {
    Error e = SqliteError(db_, rc, context);
    if (e.code == ErrorCode::kStorageFull || e.code == ErrorCode::kUnavailable) storage_fault_ = e;
    return e;
}

std::optional<Error> SqliteConn::TakeStorageFault() { return std::exchange(storage_fault_, std::nullopt); }

SqliteConn::~SqliteConn() {
    for (auto& [sql, s] : statements_) sqlite3_finalize(s.stmt);
    sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteConn>> SqliteConn::Open(const std::string& path, int flags, int busy_timeout_ms,
                                                     std::int64_t mmap_bytes) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = SqliteError(db, rc, "opening " + path);
        sqlite3_close_v2(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    auto conn = std::make_unique<SqliteConn>(db);
    // Reading pages through a memory map saves a copy per page; the page cache keeps hot index pages close.
    SD_CHECK(conn->Query("PRAGMA mmap_size = " + std::to_string(mmap_bytes)));
    SD_CHECK(conn->Query("PRAGMA cache_size = -16384"));  // KiB
    SD_CHECK(conn->Query("PRAGMA temp_store = MEMORY"));
    return conn;
}

Result<sqlite3_stmt*> SqliteConn::Prepare(std::string_view sql, const Params& params) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        Statement s;
        const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &s.stmt, nullptr);
        if (rc != SQLITE_OK) return Fail(rc, "preparing SQL");
        // Parameters are written $1, $2, ... as PostgreSQL has them; SQLite numbers named parameters by first
        // appearance, so map each $n to SQLite's slot once, when the statement is prepared.
        const int count = sqlite3_bind_parameter_count(s.stmt);
        for (int slot = 1; slot <= count; ++slot) {
            const char* name = sqlite3_bind_parameter_name(s.stmt, slot);
            int n = 0;
            if (!name || name[0] != '$') continue;
            const std::string_view digits(name + 1);
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
            if (ec != std::errc{} || n < 1) continue;
            if (s.slot_of_param.size() < static_cast<std::size_t>(n))
                s.slot_of_param.resize(static_cast<std::size_t>(n));
            s.slot_of_param[static_cast<std::size_t>(n - 1)] = slot;
        }
        it = statements_.emplace(std::string(sql), std::move(s)).first;
    }
    sqlite3_stmt* stmt = it->second.stmt;
    const auto& slots = it->second.slot_of_param;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size() && i < slots.size(); ++i) {
        const int slot = slots[i];
        if (slot == 0) continue;
        const Value& v = params[i];
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(v)) {
            rc = sqlite3_bind_null(stmt, slot);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt, slot, *n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt, slot, *d);
        } else if (const auto* b = std::get_if<Blob>(&v)) {
            rc = sqlite3_bind_blob64(stmt, slot, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
        } else {
            // The params outlive the statement's use: SQLite need not copy the text.
            const auto& s = std::get<std::string>(v);
            rc = sqlite3_bind_text(stmt, slot, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
        }
        if (rc != SQLITE_OK) return Fail(rc, "binding $" + std::to_string(i + 1));
    }
    return stmt;
}

Result<void> SqliteConn::Step(sqlite3_stmt* stmt, Rows* rows) {
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            Error e = Fail(rc, "running SQL");
            sqlite3_reset(stmt);
            return e;
        }
        if (!rows) continue;
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
                case SQLITE_BLOB: {
                    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    cells.emplace_back(bytes ? std::string(bytes, size) : std::string());
                    break;
                }
                default: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    cells.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                }
            }
        }
        rows->emplace_back(std::move(cells));
    }
    // Reset at once: bound text is not copied, and a finished statement must not hold a read snapshot open.
    sqlite3_reset(stmt);
    return {};
}

Result<Rows> SqliteConn::Query(std::string_view sql, const Params& params) {
    sqlite3_stmt* stmt = SD_TRY(Prepare(sql, params));
    Rows rows;
    SD_CHECK(Step(stmt, &rows));
    return rows;
}

Result<std::int64_t> SqliteConn::Execute(std::string_view sql, const Params& params) {
    sqlite3_stmt* stmt = SD_TRY(Prepare(sql, params));
    SD_CHECK(Step(stmt, nullptr));
    return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Result<std::int64_t> SqliteConn::Insert(std::string_view sql, const Params& params) {
    sqlite3_stmt* stmt = SD_TRY(Prepare(sql, params));
    SD_CHECK(Step(stmt, nullptr));
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<void> SqliteConn::ExecScript(std::string_view sql) {
    char* message = nullptr;
    const std::string script(sql);
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        Error e = Fail(rc, "running script");
        e.message = "running script: " + text;
        return e;
    }
    return {};
}

}  // namespace shiftdesk::store
