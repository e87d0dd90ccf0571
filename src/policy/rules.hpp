// The rulebook's ids and one sentence each (RULES.md), so a refusal can always say which rule and why.
// Pure; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "common/rule_id.hpp"

namespace shiftdesk::rule {

struct Entry {
    Id id;
    std::string_view code;      // "R11"
    std::string_view title;     // "Reassignment is the lead's"
    std::string_view sentence;  // what the rule demands, in one line
};

// All fourteen rules in order.
std::span<const Entry> All();
const Entry* Find(Id id);

}  // namespace shiftdesk::rule
