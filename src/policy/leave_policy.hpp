// The rulebook for leave (R4): who plans or cancels whose leave, which leave may be planned, and who may be given
// a ticket while away. Pure and deterministic; thread-safe.
#pragma once

#include <optional>

#include "common/civil_time.hpp"
#include "domain/entities.hpp"
#include "policy/decision.hpp"
#include "policy/settings.hpp"

namespace shiftdesk::policy {

// What planning a leave reads.
struct LeavePlanFacts {
    domain::User person;  // whose leave it is
    CivilDay first_day;
    CivilDay last_day;                         // inclusive
    CivilDay today;                            // in the team's time zone
    std::optional<domain::Leave> overlapping;  // a planned leave of theirs that shares a day with this one
};

// An engineer plans their own leave; a shift lead plans anyone's who works tickets. Days must be in order, not
// wholly past, at most the policy's maximum, and not overlap another planned leave.
Decision DecidePlanLeave(const domain::Actor& actor, const LeavePlanFacts& facts, const Settings& settings);

// The person on leave or a shift lead cancels it, until it has ended.
Decision DecideCancelLeave(const domain::Actor& actor, const domain::Leave& leave, Millis now);

// Who may see a leave: everyone on the team sees who is away (the team view); nobody outside the desk.
Decision DecideViewLeave(const domain::Actor& actor);

// R4: nobody on leave is given a ticket. `leave` is the leave covering now, if any.
Decision DecideGiveTicket(const domain::User& to, const std::optional<domain::Leave>& leave);

}  // namespace shiftdesk::policy
