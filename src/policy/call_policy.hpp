// The rulebook for calls (R3) and training requests (R14): who schedules, moves, cancels and joins a call, when a
// join is on time, where a session request goes and who may accept it. Pure and deterministic; thread-safe.
#pragma once

#include <optional>

#include "common/civil_time.hpp"
#include "domain/entities.hpp"
#include "policy/decision.hpp"
#include "policy/settings.hpp"
#include "policy/ticket_policy.hpp"

namespace shiftdesk::policy {

// A call is scheduled against a ticket with an owner, by that owner or a shift lead (R3).
Decision DecideScheduleCall(const domain::Actor& actor, const TicketFacts& ticket);
// Moving or cancelling: the call's owner or a shift lead, before the call starts.
Decision DecideChangeCall(const domain::Actor& actor, const domain::Call& call, Millis now);
// Joining is the owner's, from `call_join_opens_minutes` before the start until the call ends; joining again
// changes nothing (R3). A refusal says when joining opens on the team's wall clock in `zone` (UTC without one).
Decision DecideJoin(const domain::Actor& actor, const domain::Call& call, Millis now, const Settings& settings,
                    const std::optional<TimeZone>& zone);
// R3: joining after start + grace is late.
domain::Attendance AttendanceAt(const domain::Call& call, Millis joined, const Settings& settings);

// R14: a technical session that fits in the policy's minutes is open to any engineer on queue; anything longer,
// and any training, goes to a shift lead.
domain::TrainingRoute RouteOf(domain::TrainingKind kind, int minutes, const Settings& settings);
Decision DecideFileTraining(const domain::Actor& actor);
// What accepting reads: the request and who would run the session.
struct AcceptFacts {
    const domain::TrainingRequest& request;
    const domain::User& owner;
    bool owner_on_leave_now = false;   // R4: nobody on leave is given anything
    bool owner_on_leave_then = false;  // R4: nor a session that falls inside their leave
    bool owner_off_queue = false;      // R6: an approved off-queue window covers now
};
Decision DecideAcceptTraining(const domain::Actor& actor, const AcceptFacts& facts);
Decision DecideDeclineTraining(const domain::Actor& actor, const domain::TrainingRequest& request);
// R14: a session request is seen by a lead, whoever filed or runs it, and every engineer while it is open to them.
// Anyone else is told there is no such request.
bool MaySeeTraining(const domain::Actor& actor, const domain::TrainingRequest& request);

}  // namespace shiftdesk::policy
