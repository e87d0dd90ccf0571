// The rulebook for tickets (R1, R4, R7, R9, R10, R11): who may do what to a ticket in which state.
// Decide() is pure and deterministic; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "domain/types.hpp"
#include "policy/decision.hpp"

namespace shiftdesk::policy {

// What a ticket decision reads of the ticket.
struct TicketFacts {
    domain::TicketStatus status = domain::TicketStatus::kNew;
    std::optional<domain::UserId> owner_id;
};

// What an assignment decision reads of the person the ticket would go to.
struct AssigneeFacts {
    domain::UserId id = 0;
    domain::Role role = domain::Role::kEngineer;
    bool active = true;
};

namespace cmd {
struct View {};
struct Take {
    // R4: the one taking the ticket is on leave now; while on leave nobody gives them a ticket and they take none.
    bool actor_on_leave = false;
};
struct Assign {
    AssigneeFacts to;
};
struct SetStatus {
    domain::TicketStatus to = domain::TicketStatus::kOpen;
};
struct SetPriority {};
struct Reply {};
// Telling the customer when the next update comes (R2).
struct Promise {};
struct Note {};
// Recording what the customer wrote (a call, a forwarded mail) into the thread.
struct CustomerMessage {};
}  // namespace cmd

using TicketCommand =
    std::variant<cmd::View, cmd::Take, cmd::Assign, cmd::SetStatus, cmd::SetPriority, cmd::Reply, cmd::Promise,
                 cmd::Note, cmd::CustomerMessage>;

Decision Decide(const TicketFacts& ticket, const TicketCommand& command, const domain::Actor& actor);

// R1: who may own a ticket at all: an active engineer or shift lead. Every way a ticket gets an owner asks it.
Decision DecideOwner(const AssigneeFacts& to);

// R10: an allowed assignment is a lead's approval — and leaves the lead's note on the ticket — when a shift lead
// gave the ticket a new owner, or approved a request for it (even to the owner it has).
bool IsApproval(const domain::Actor& actor, const Decision& assign, bool through_request);

// Opening a ticket by hand. A ticket tied to another (has_parent) needs an approved new-ticket request (R9).
Decision DecideCreate(const domain::Actor& actor, bool has_parent);

// The audit action a command records: "ticket.taken", "ticket.assigned", ...
std::string_view ActionOf(const TicketCommand& command);

}  // namespace shiftdesk::policy
