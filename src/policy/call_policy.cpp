#include "policy/call_policy.hpp"

#include "common/time.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Role;

bool IsLead(const domain::Actor& a) { return a.role == Role::kShiftLead; }

// "2026-12-01 10:00 Europe/Paris": the team's wall clock, as people read it; RFC 3339 UTC without a zone.
std::string WallClock(Millis t, const std::optional<TimeZone>& zone) {
    if (!zone) return FormatRfc3339(t);
    return zone->FormatLocal(t) + " " + std::string(zone->name());
}

}  // namespace

Decision DecideScheduleCall(const domain::Actor& actor, const TicketFacts& t) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R3, "only the ticket's owner or a shift lead schedules a call");
    }
    if (t.status == domain::TicketStatus::kClosed) {
        return Decision::Conflict(rule::R9, "this ticket is closed: a call about a new issue needs a new ticket");
    }
    if (!t.owner_id) {
        return Decision::Conflict(rule::R3,
                                  "a call is scheduled against a ticket with an owner: take the ticket "
                                  "(or have a shift lead assign it) first");
    }
    if (*t.owner_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R3, "only the ticket's owner or a shift lead schedules a call on it");
    }
    return Decision::Allow(rule::R3);
}

Decision DecideChangeCall(const domain::Actor& actor, const domain::Call& call, Millis now) {
    if (call.owner_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R3, "only the call's owner or a shift lead moves or cancels it");
    }
    if (call.state == domain::CallState::kCancelled) {
        return Decision::Conflict(rule::R3, "this call was cancelled: schedule a new one");
    }
    if (now >= call.starts_at) return Decision::Conflict(rule::R3, "this call has started: it is kept as it was");
    return Decision::Allow(rule::R3);
}

Decision DecideJoin(const domain::Actor& actor, const domain::Call& call, Millis now, const Settings& settings,
                    const std::optional<TimeZone>& zone) {
    if (call.owner_id != actor.id) return Decision::Forbid(rule::R3, "only the call's owner joins it");
    if (call.state == domain::CallState::kCancelled) return Decision::Conflict(rule::R3, "this call was cancelled");
    if (call.attendance == domain::Attendance::kMissed || (!call.joined_at && now >= call.EndsAt())) {
        return Decision::Conflict(rule::R3, "this call has ended without you: it is recorded as missed");
    }
    if (call.joined_at) return Decision::NoChange();
    // R3 records whether the owner was there on time: a join long before the call says nothing about that.
    const Millis opens = call.starts_at - settings.call_join_opens_minutes * kMinute;
    if (now < opens) {
        return Decision::Conflict(rule::R3, "joining opens " + std::to_string(settings.call_join_opens_minutes) +
                                                " minutes before the call starts: at " + WallClock(opens, zone));
    }
    return Decision::Allow(rule::R3);
}

domain::Attendance AttendanceAt(const domain::Call& call, Millis joined, const Settings& settings) {
    return joined <= call.starts_at + settings.call_grace_minutes * kMinute ? domain::Attendance::kOnTime
                                                                            : domain::Attendance::kLate;
}

domain::TrainingRoute RouteOf(domain::TrainingKind kind, int minutes, const Settings& settings) {
    return kind == domain::TrainingKind::kTechnicalSession && minutes <= settings.training_open_max_minutes
               ? domain::TrainingRoute::kOpen
               : domain::TrainingRoute::kShiftLead;
}

Decision DecideFileTraining(const domain::Actor& actor) {
    if (actor.role == Role::kAdmin) {
        return Decision::Forbid(rule::R14, "training requests come from the success team, engineers or leads");
    }
    return Decision::Allow(rule::R14);
}

Decision DecideAcceptTraining(const domain::Actor& actor, const AcceptFacts& f) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R14, "only an engineer on queue or a shift lead accepts a session");
    }
    if (f.request.state != domain::TrainingState::kWaiting) {
        return Decision::Conflict(rule::R14,
                                  "this request was " + std::string(domain::ToString(f.request.state)) + " already");
    }
    if (!IsLead(actor)) {
        if (f.request.route == domain::TrainingRoute::kShiftLead) {
            return Decision::Forbid(rule::R14,
                                    "a training, or a session longer than the open limit, is the shift lead's to "
                                    "decide: they weigh the customer, the plan and the team's load");
        }
        if (f.owner.id != actor.id) {
            return Decision::Forbid(rule::R14, "an engineer accepts an open session for themselves only");
        }
    }
    if (!domain::CanOwnTickets(f.owner.role) || !f.owner.active) {
        return Decision::Conflict(rule::R14, "a session is run by an active engineer or shift lead");
    }
    // R4: during leave nobody can be given anything, a session after the leave included.
    if (f.owner_on_leave_now) {
        return Decision::Conflict(rule::R4, f.owner.name + " is on leave now: nobody on leave is given a session");
    }
    if (f.owner_on_leave_then) {
        return Decision::Conflict(rule::R4, f.owner.name +
                                                " is on leave when the session starts: nobody on leave is "
                                                "given a session");
    }
    if (!IsLead(actor) && f.owner_off_queue) {
        return Decision::Conflict(rule::R14, "open sessions are for engineers on queue; you are off queue");
    }
    return Decision::Allow(rule::R14);
}

Decision DecideDeclineTraining(const domain::Actor& actor, const domain::TrainingRequest& request) {
    if (!IsLead(actor)) return Decision::Forbid(rule::R14, "only a shift lead declines a training request");
    if (request.state != domain::TrainingState::kWaiting) {
        return Decision::Conflict(rule::R14,
                                  "this request was " + std::string(domain::ToString(request.state)) + " already");
    }
    return Decision::Allow(rule::R14);
}

bool MaySeeTraining(const domain::Actor& actor, const domain::TrainingRequest& r) {
    return IsLead(actor) || r.filed_by == actor.id || r.owner_id == actor.id ||
           (domain::CanOwnTickets(actor.role) && r.route == domain::TrainingRoute::kOpen);
}

}  // namespace shiftdesk::policy
