#include "cli/database.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/clock.hpp"
#include "store/migrations.hpp"

namespace shiftdesk::cli {

const char* const kNeedsToWrite =
    "shiftdesk writes to the database file and to its directory (the -wal and -shm files beside it): make both "
    "writable, or free space on the disk\n";

std::string DatabasePath(const std::string& flag) {
    if (!flag.empty()) return flag;
    const char* env = std::getenv("SHIFTDESK_DB");
    return env ? env : "";
}

std::unique_ptr<store::Db> OpenDatabase(const std::string& flag) {
    const std::string path = DatabasePath(flag);
    if (path.empty()) {
        std::cerr << "error: give --db PATH or set SHIFTDESK_DB\n";
        return nullptr;
    }
    if (path.starts_with("postgres://") || path.starts_with("postgresql://")) {
        std::cerr << "error: this build stores in SQLite only; give a file path\n";
        return nullptr;
    }
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    const std::string dir = parent.empty() ? "." : parent.string();
    // SQLite in WAL mode writes beside the file (-wal, -shm): a read-only directory fails there, with a message that
    // does not name the cause.
    if (access(dir.c_str(), W_OK) != 0) {
        std::cerr << "error: cannot write to the database " << path << ": its directory " << dir
                  << " is not writable (" << std::strerror(errno) << ")\n"
                  << kNeedsToWrite;
        return nullptr;
    }
    const auto fail = [&](const Error& e) {
        if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kStorageFull) {
            std::cerr << "error: cannot write to the database " << path << ": " << e.message << "\n" << kNeedsToWrite;
        } else {
            std::cerr << "error: " << e.message << "\n";
        }
    };
    auto db = store::OpenSqlite(path);
    if (!db) {
        fail(db.error());
        return nullptr;
    }
    SystemClock clock;
    auto migrated = store::Migrate(**db, clock.Now());
    if (!migrated) {
        fail(migrated.error());
        return nullptr;
    }
    return std::move(*db);
}

}  // namespace shiftdesk::cli
