// Numbered schema migrations compiled into the binary, applied in order at start-up, each in its own transaction.
#pragma once

#include <vector>

#include "common/clock.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// Every src/store/migrations/NNNN_name.sql, in version order (generated at build time).
const std::vector<Migration>& EmbeddedMigrations();

// Applies the migrations the database has not seen; returns how many ran. Refuses a database whose schema is newer
// than this binary knows.
Result<int> Migrate(Db& db, Millis now, const std::vector<Migration>& migrations = EmbeddedMigrations());

}  // namespace shiftdesk::store
