// The rulebook for requests to a shift lead (R6, R7, R9, R10, R11, R12): who may file, approve, deny or withdraw
// what, in which state; whose a child ticket is; when a closed ticket is old. Pure and deterministic; thread-safe.
#pragma once

#include <optional>

#include "domain/entities.hpp"
#include "policy/decision.hpp"
#include "policy/settings.hpp"
#include "policy/ticket_policy.hpp"

namespace shiftdesk::policy {

// The rule a request exists for: a refusal about it names this rule.
// Assignment: R11 when the ticket has an owner (a reassignment), R7 otherwise; new ticket: R9; off queue: R6.
rule::Id RuleOf(domain::RequestKind kind, bool ticket_owned);

// What filing a request reads.
struct FilingFacts {
    domain::RequestKind kind = domain::RequestKind::kAssignment;
    std::optional<TicketFacts> ticket;  // assignment and new ticket
    std::optional<domain::NewTicketReason> reason;
    bool already_pending = false;  // the same person has the same request pending
};

Decision DecideFile(const domain::Actor& actor, const FilingFacts& facts);

enum class RequestAction { kApprove, kDeny, kWithdraw };

// What deciding on a request reads.
struct RequestFacts {
    domain::RequestKind kind = domain::RequestKind::kAssignment;
    domain::RequestState state = domain::RequestState::kPending;
    domain::UserId requester_id = 0;
    bool ticket_owned = false;
    bool past_expiry = false;  // pending, but no lead decided in time
};

Decision DecideOnRequest(const domain::Actor& actor, const RequestFacts& facts, RequestAction action);

// "request.approved", "request.denied", "request.withdrawn".
std::string_view ActionOf(RequestAction action);

// R12: a child ticket for an entirely new issue belongs to the engineer who asked for it, not the parent's owner;
// a follow-up of the same issue stays with whoever owns the parent. A lead may name someone else.
domain::UserId ChildOwner(const domain::Request& request, const std::optional<domain::UserId>& parent_owner,
                          const std::optional<domain::UserId>& lead_choice);

// R9: a ticket closed longer ago than the policy allows is not reopened by a customer message.
bool IsLongClosed(const domain::Ticket& t, Millis now, const Settings& settings);

// R6: only a shift lead puts someone off queue, or back on, directly.
Decision DecideQueueChange(const domain::Actor& actor, const domain::User& target);
// R6: an off-queue window asked for is 1 hour to the policy's maximum; refused as invalid (the hours field).
Decision DecideOffQueueHours(int hours, const Settings& settings);

// A lead sees every request; everyone else their own (RULES.md, roles). A refusal names the request's rule.
Decision DecideViewRequest(const domain::Actor& actor, const RequestFacts& facts);

}  // namespace shiftdesk::policy
