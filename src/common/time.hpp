// RFC 3339 text <-> UTC milliseconds. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace shiftdesk {

// "2026-11-23T09:30:00Z", or "2026-11-23T09:30:00.250Z" when there are milliseconds.
std::string FormatRfc3339(Millis t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" ('t' and ' ' as separators too).
// Returns nullopt for anything else, including dates that do not exist (2026-02-30).
std::optional<Millis> ParseRfc3339(std::string_view text);

}  // namespace shiftdesk
