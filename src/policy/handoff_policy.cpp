#include "policy/handoff_policy.hpp"

#include <string>

#include "policy/desk_policy.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Role;

bool IsLead(const domain::Actor& a) { return a.role == Role::kShiftLead; }

bool Ended(const domain::Leave& l, Millis now) { return l.ends_at <= now; }

}  // namespace

Decision DecidePlaceOnSheet(const domain::Actor& actor, const domain::Ticket& t,
                            const std::optional<domain::HandoffEntry>& live) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R8, "only engineers and shift leads place tickets on the hand-off sheet");
    }
    if (t.owner_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R8, "an engineer places only their own tickets on the hand-off sheet; ticket " +
                                              std::to_string(t.id) + " is someone else's");
    }
    if (!domain::IsWorkedStatus(t.status) || t.status == domain::TicketStatus::kSolved || !t.owner_id) {
        return Decision::Conflict(rule::R8, "ticket " + std::to_string(t.id) + " is " +
                                                std::string(domain::ToString(t.status)) +
                                                ": only tickets being worked are handed over");
    }
    if (live) {
        return Decision::Conflict(rule::R8, "ticket " + std::to_string(t.id) + " is on the hand-off sheet already (entry " +
                                                std::to_string(live->id) + "): change that entry instead");
    }
    return Decision::Allow(rule::R8);
}

Decision DecideEditEntry(const domain::Actor& actor, const domain::HandoffEntry& e) {
    if (e.from_user_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R8, "only the engineer who placed an entry, or a shift lead, changes it");
    }
    if (e.state == domain::HandoffState::kDone) {
        return Decision::Conflict(rule::R8, "entry " + std::to_string(e.id) + " is done: place the ticket again");
    }
    return Decision::Allow(rule::R8);
}

PickUp DecidePickUp(const domain::Actor& actor, const domain::HandoffEntry& e, domain::UserId picker) {
    if (e.state != domain::HandoffState::kOpen) {
        return {Decision::Conflict(rule::R8, "entry " + std::to_string(e.id) + " is " +
                                                 std::string(domain::ToString(e.state)) + ": nothing to pick up")};
    }
    if (IsLead(actor)) return {Decision::Allow(rule::R11), PickUpRoute::kLeadAssigns};
    if (actor.role != Role::kEngineer) {
        return {Decision::Forbid(rule::R8, "only engineers and shift leads pick up hand-off entries")};
    }
    if (picker != actor.id) {
        return {Decision::Forbid(rule::R7, "an engineer picks up an entry only for themselves; a shift lead decides "
                                           "who else takes it")};
    }
    if (e.from_user_id == actor.id) {
        return {Decision::Conflict(rule::R8, "this entry is your own hand-off: it waits for a colleague")};
    }
    return {Decision::Allow(rule::R11), PickUpRoute::kRequestToLead};
}

Decision DecideFinishEntry(const domain::Actor& actor, const domain::HandoffEntry& e) {
    if (e.from_user_id != actor.id && e.picked_up_by != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R8,
                                "only the engineer who placed an entry, who picked it up, or a shift lead closes it");
    }
    if (e.state == domain::HandoffState::kDone) return Decision::NoChange();
    return Decision::Allow(rule::R8);
}

Decision DecideViewSheet(const domain::Actor& actor) {
    if (const Decision desk = DecideUseDesk(actor); !desk.allowed()) return desk;
    return Decision::Allow(rule::R8);
}

Decision DecideSetDeskPhone(const domain::Actor& actor, domain::UserId whose) {
    if (whose != actor.id && !IsLead(actor) && actor.role != Role::kAdmin) {
        return Decision::Forbid(rule::R13, "a desk phone is set by its user, a shift lead or an admin");
    }
    return Decision::Allow(rule::R13);
}

Decision DecideQueueHandoffEmail(std::optional<int> pending_attempts) {
    if (!pending_attempts) return Decision::Allow(rule::R5);
    return Decision::Conflict(rule::R5, "the hand-off email is queued already (attempt " +
                                            std::to_string(*pending_attempts) +
                                            "): it goes out as soon as the mail server takes it");
}

Decision DecideSetDiversion(const domain::Actor& actor, const domain::Leave& leave, const domain::User& person,
                            const std::optional<domain::Diversion>& current, Millis now) {
    if (leave.user_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R13, "only the person on leave or a shift lead sets its call diversion");
    }
    if (leave.state != domain::LeaveState::kPlanned || Ended(leave, now)) {
        return Decision::Conflict(rule::R13, "this leave is cancelled or over: there is nothing to divert");
    }
    if (!person.desk_phone) {
        return Decision::Conflict(rule::R13, person.name + " has no desk phone: there is nothing to divert");
    }
    if (current && (current->state == domain::DiversionState::kActive ||
                    current->state == domain::DiversionState::kRemoved)) {
        return Decision::Conflict(rule::R13, "the phone system forwards already: the diversion changes with the next "
                                             "leave");
    }
    return Decision::Allow(rule::R13);
}

Decision DecideConfirmDiversion(const domain::Actor& actor, const domain::Leave& leave,
                                const std::optional<domain::Diversion>& current) {
    if (leave.user_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R13, "only the person on leave or a shift lead confirms its call diversion");
    }
    if (!current) return Decision::Conflict(rule::R13, "set the diversion's target first");
    if (current->driver != domain::PhoneDriverKind::kManual) {
        return Decision::Conflict(rule::R13, "the desk sets this diversion through the phone system (" +
                                                 std::string(domain::ToString(current->driver)) +
                                                 "): there is nothing to confirm");
    }
    if (current->state == domain::DiversionState::kConfirmed) return Decision::NoChange();
    return Decision::Allow(rule::R13);
}

Decision DecideSendHandoffEmail(const domain::Actor& actor, const domain::Leave& leave, Millis now) {
    if (leave.user_id != actor.id && !IsLead(actor)) {
        return Decision::Forbid(rule::R5, "only the person on leave or a shift lead sends its hand-off email");
    }
    if (leave.state != domain::LeaveState::kPlanned || Ended(leave, now)) {
        return Decision::Conflict(rule::R5, "this leave is cancelled or over: there is nothing to hand off");
    }
    return Decision::Allow(rule::R5);
}

}  // namespace shiftdesk::policy
