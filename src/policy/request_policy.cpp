#include "policy/request_policy.hpp"

#include <string>

#include "policy/desk_policy.hpp"

namespace shiftdesk::policy {
namespace {

using domain::RequestKind;
using domain::RequestState;
using domain::Role;
using domain::TicketStatus;

}  // namespace

rule::Id RuleOf(RequestKind kind, bool ticket_owned) {
    switch (kind) {
        case RequestKind::kAssignment: return ticket_owned ? rule::R11 : rule::R7;
        case RequestKind::kNewTicket: return rule::R9;
        case RequestKind::kOffQueue: return rule::R6;
    }
    return rule::Id::kNone;
}

Decision DecideFile(const domain::Actor& actor, const FilingFacts& f) {
    const bool owned = f.ticket && f.ticket->owner_id.has_value();
    const rule::Id r = RuleOf(f.kind, owned);
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(r, "only engineers and shift leads file requests to a shift lead");
    }
    const bool closed = f.ticket && f.ticket->status == TicketStatus::kClosed;
    switch (f.kind) {
        case RequestKind::kAssignment:
            if (closed) return Decision::Conflict(rule::R9, "this ticket is closed: it is not assigned any more");
            break;
        case RequestKind::kNewTicket:
            if (f.reason == domain::NewTicketReason::kOldTicketFollowup && !closed) {
                return Decision::Conflict(rule::R9,
                                          "old_ticket_followup is for a new issue on a closed ticket; this ticket is "
                                          "not closed, so use multiple_issues");
            }
            if (f.reason == domain::NewTicketReason::kMultipleIssues && closed) {
                return Decision::Conflict(rule::R9,
                                          "this ticket is closed: a new issue on it is an old_ticket_followup");
            }
            break;
        case RequestKind::kOffQueue:
            break;
    }
    if (f.already_pending) {
        return Decision::Conflict(r, "you already have this request pending: withdraw it or wait for the lead");
    }
    return Decision::Allow(r);
}

Decision DecideOnRequest(const domain::Actor& actor, const RequestFacts& f, RequestAction action) {
    const rule::Id r = RuleOf(f.kind, f.ticket_owned);
    if (action == RequestAction::kWithdraw) {
        if (actor.id != f.requester_id) {
            return Decision::Forbid(r, "only the engineer who filed a request withdraws it");
        }
    } else if (actor.role != Role::kShiftLead) {
        return Decision::Forbid(r, std::string("only a shift lead ") +
                                       (action == RequestAction::kApprove ? "approves" : "denies") + " requests");
    }
    if (f.state != RequestState::kPending) {
        return Decision::Conflict(r, "this request is already " + std::string(domain::ToString(f.state)));
    }
    if (f.past_expiry) return Decision::Conflict(r, "this request expired before a lead decided: file it again");
    return Decision::Allow(r);
}

std::string_view ActionOf(RequestAction action) {
    switch (action) {
        case RequestAction::kApprove: return "request.approved";
        case RequestAction::kDeny: return "request.denied";
        case RequestAction::kWithdraw: return "request.withdrawn";
    }
    return "request.decided";
}

domain::UserId ChildOwner(const domain::Request& request, const std::optional<domain::UserId>& parent_owner,
                          const std::optional<domain::UserId>& lead_choice) {
    if (lead_choice) return *lead_choice;
    if (request.new_issue || !parent_owner) return request.requester_id;
    return *parent_owner;
}

bool IsLongClosed(const domain::Ticket& t, Millis now, const Settings& settings) {
    if (t.status != TicketStatus::kClosed) return false;
    const Millis closed = t.closed_at.value_or(t.updated_at);
    return now - closed > settings.old_ticket_days * kDay;
}

Decision DecideQueueChange(const domain::Actor& actor, const domain::User& target) {
    if (actor.role != Role::kShiftLead) {
        return Decision::Forbid(rule::R6, "only a shift lead puts someone off queue or back on queue");
    }
    if (!domain::CanOwnTickets(target.role)) {
        return Decision::Conflict(rule::R6, "only engineers and shift leads are on a queue");
    }
    return Decision::Allow(rule::R6);
}

Decision DecideOffQueueHours(int hours, const Settings& settings) {
    if (hours < 1 || hours > settings.off_queue_max_hours) {
        return Decision::Invalid(rule::R6, "hours must be from 1 to " + std::to_string(settings.off_queue_max_hours) +
                                               ", the longest off-queue window the policy allows");
    }
    return Decision::Allow(rule::R6);
}

Decision DecideViewRequest(const domain::Actor& actor, const RequestFacts& f) {
    if (SeesWholeTeam(actor) || actor.id == f.requester_id) return Decision::Allow();
    return Decision::Forbid(RuleOf(f.kind, f.ticket_owned),
                            "only a shift lead and the engineer who filed it see a request");
}

}  // namespace shiftdesk::policy
