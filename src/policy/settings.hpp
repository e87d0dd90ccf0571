// The team's policy: every default of the rulebook that a team may change (RULES.md: "every number is a default").
// Plain values; thread-compatible.
#pragma once

#include <string>

#include "domain/business_time.hpp"
#include "domain/enum_names.hpp"
#include "policy/sla.hpp"

namespace shiftdesk::policy {

// How a new ticket finds its owner (R1): the lead assigns it, or the desk routes it to an engineer on queue.
enum class Routing { kManual, kRoundRobin, kLeastLoaded };
inline constexpr domain::NameTable<Routing, 3> kRoutingNames{{
    {Routing::kManual, "manual"},
    {Routing::kRoundRobin, "round_robin"},
    {Routing::kLeastLoaded, "least_loaded"},
}};

// The window around now that every date the API takes falls in (leave days, promises, calls, sessions, needed-by,
// off-queue windows): a date years away is a typo, and one beyond what the calendar formats can hold would corrupt
// the feeds and exports it reaches.
struct DateWindow {
    int max_days_back = 366;   // only a leave may lie partly behind (sick since Monday, R4)
    int max_days_ahead = 730;  // two years
};

struct Settings {
    int off_queue_max_hours = 4;  // R6: the longest off-queue window a request may ask for
    int old_ticket_days = 30;     // R9: a ticket closed longer ago than this is not reopened by a customer message
    Routing routing = Routing::kManual;
    int open_ticket_cap = 25;     // routing skips an engineer who already owns this many open tickets
    int request_ttl_hours = 72;   // a request no lead decides within this expires
    int leave_max_days = 90;      // R4: the longest single leave one request plans
    // R4: reminders to the engineer this many days before a leave starts, while it is not ready.
    std::vector<int> leave_reminder_days{2, 1};
    // The team's calendar: its time zone (leave days, R4), working hours and holidays (SLA business time, R2).
    domain::BusinessCalendar calendar;
    SlaPolicy sla;
    // R3: reminders before a call, how early joining opens, and how late a join may be and still count as on time.
    std::vector<int> call_reminder_minutes{15, 5};
    int call_join_opens_minutes = 15;
    int call_grace_minutes = 2;
    // R14: a technical session of at most this many minutes is open to any engineer on queue.
    int training_open_max_minutes = 30;
    DateWindow dates;
};

}  // namespace shiftdesk::policy
