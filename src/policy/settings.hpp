// The team's policy: every default of the rulebook that a team may change (RULES.md: "every number is a default").
// Plain values; thread-compatible.
#pragma once

#include <string>

#include "domain/enum_names.hpp"

namespace shiftdesk::policy {

// How a new ticket finds its owner (R1): the lead assigns it, or the desk routes it to an engineer on queue.
enum class Routing { kManual, kRoundRobin, kLeastLoaded };
inline constexpr domain::NameTable<Routing, 3> kRoutingNames{{
    {Routing::kManual, "manual"},
    {Routing::kRoundRobin, "round_robin"},
    {Routing::kLeastLoaded, "least_loaded"},
}};

struct Settings {
    int off_queue_max_hours = 4;  // R6: the longest off-queue window a request may ask for
    int old_ticket_days = 30;     // R9: a ticket closed longer ago than this is not reopened by a customer message
    Routing routing = Routing::kManual;
    int open_ticket_cap = 25;     // routing skips an engineer who already owns this many open tickets
    int request_ttl_hours = 72;   // a request no lead decides within this expires
    std::string time_zone = "UTC";  // the team's calendar: leave days (R4) and business hours (R2) count in it
    int leave_max_days = 90;        // R4: the longest single leave one request plans
};

}  // namespace shiftdesk::policy
