// The team's policy file (TOML): every default of the rulebook a team may change. Example: docs/policy.example.toml.
#pragma once

#include <string>

#include "common/result.hpp"
#include "policy/settings.hpp"

namespace shiftdesk::cli {

// Reads [policy], [calendar], [sla], [calls] and [training]; keys left out keep their defaults; an unknown key or a
// value out of range is an error naming it (e.g. "calendar.holidays").
Result<policy::Settings> LoadPolicy(const std::string& path);

}  // namespace shiftdesk::cli
