#include "cli/database.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "common/clock.hpp"
#include "store/migrations.hpp"

namespace shiftdesk::cli {

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
    auto db = store::OpenSqlite(path);
    if (!db) {
        std::cerr << "error: " << db.error().message << "\n";
        return nullptr;
    }
    SystemClock clock;
    auto migrated = store::Migrate(**db, clock.Now());
    if (!migrated) {
        std::cerr << "error: " << migrated.error().message << "\n";
        return nullptr;
    }
    return std::move(*db);
}

}  // namespace shiftdesk::cli
