#include "policy/leave_policy.hpp"

#include "policy/desk_policy.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Role;

std::string Span(const domain::Leave& l) {
    return l.first_day == l.last_day ? "on " + l.first_day : "from " + l.first_day + " to " + l.last_day;
}

}  // namespace

Decision DecidePlanLeave(const domain::Actor& actor, const LeavePlanFacts& f, const Settings& settings) {
    const bool own = f.person.id == actor.id;
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R4, "only engineers and shift leads plan leave");
    }
    if (!own && actor.role != Role::kShiftLead) {
        return Decision::Forbid(rule::R4, "an engineer plans only their own leave; a shift lead plans it for others");
    }
    if (!domain::CanOwnTickets(f.person.role) || !f.person.active) {
        return Decision::Conflict(rule::R4, "leave is planned for active engineers and shift leads");
    }
    if (f.last_day < f.first_day) return Decision::Conflict(rule::R4, "last_day is before first_day");
    if (f.last_day < f.today)
        return Decision::Conflict(rule::R4, "this leave is over already: last_day is in the past");
    if (f.last_day.days - f.first_day.days + 1 > settings.leave_max_days) {
        return Decision::Conflict(rule::R4, "one leave is at most " + std::to_string(settings.leave_max_days) +
                                                " days: plan a longer absence as several leaves");
    }
    if (f.overlapping) {
        return Decision::Conflict(rule::R4, "this overlaps leave " + std::to_string(f.overlapping->id) + " " +
                                                Span(*f.overlapping) + ": change or cancel that one instead");
    }
    return Decision::Allow(rule::R4);
}

Decision DecideCancelLeave(const domain::Actor& actor, const domain::Leave& leave, Millis now) {
    if (leave.user_id != actor.id && actor.role != Role::kShiftLead) {
        return Decision::Forbid(rule::R4, "only the person on leave or a shift lead cancels a leave");
    }
    if (leave.state == domain::LeaveState::kCancelled) return Decision::NoChange();
    if (leave.ends_at <= now) return Decision::Conflict(rule::R4, "this leave has ended: it stays on record");
    return Decision::Allow(rule::R4);
}

Decision DecideViewLeave(const domain::Actor& actor) { return DecideUseDesk(actor); }

Decision DecideGiveTicket(const domain::User& to, const std::optional<domain::Leave>& leave) {
    if (!leave) return Decision::Allow();
    return Decision::Conflict(rule::R4, to.name + " is on leave " + Span(*leave) +
                                            ": nobody on leave is assigned anything; choose someone on duty");
}

}  // namespace shiftdesk::policy
