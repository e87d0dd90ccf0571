// Opening the database every subcommand works on: --db, else SHIFTDESK_DB; migrations applied.
#pragma once

#include <memory>
#include <string>

#include "store/db.hpp"

namespace shiftdesk::cli {

// The path from --db, or from SHIFTDESK_DB when the flag is absent; empty when neither is set.
std::string DatabasePath(const std::string& flag);

// What an operator reads under a database that cannot be written: what needs to be writable.
extern const char* const kNeedsToWrite;

// Opens (creating when absent) and migrates; prints the error and returns null on failure.
std::unique_ptr<store::Db> OpenDatabase(const std::string& flag);

}  // namespace shiftdesk::cli
