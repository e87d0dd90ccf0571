#include "policy/ticket_policy.hpp"

#include "policy/desk_policy.hpp"

namespace shiftdesk::policy {
namespace {

using domain::Actor;
using domain::Role;
using domain::TicketStatus;

bool IsLead(const Actor& a) { return a.role == Role::kShiftLead; }
bool IsOwner(const Actor& a, const TicketFacts& t) { return t.owner_id && *t.owner_id == a.id; }

Decision ClosedIsFinal() {
    return Decision::Conflict(rule::R9,
                              "this ticket is closed and is not reopened: a new issue needs a new ticket, "
                              "requested from a shift lead");
}

Decision TakeItFirst(std::string_view what) {
    return Decision::Conflict(rule::R1,
                              "this ticket has no owner yet: take it (or have a shift lead assign it) "
                              "before you " +
                                  std::string(what));
}

// Status, priority and public replies belong to the ticket's owner, and to the shift lead over them (R1).
Decision OwnerOrLead(const Actor& actor, const TicketFacts& t, std::string_view what) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R1, "only the ticket's owner or a shift lead can " + std::string(what));
    }
    if (t.status == TicketStatus::kClosed) return ClosedIsFinal();
    if (!t.owner_id) return TakeItFirst(what);
    if (!IsOwner(actor, t) && !IsLead(actor)) {
        return Decision::Forbid(
            rule::R1, "this ticket is owned by someone else: only its owner or a shift lead can " + std::string(what));
    }
    return Decision::Allow(rule::R1);
}

Decision DecideView(const Actor& actor) { return DecideTicketPowers(actor); }

Decision DecideTake(const Actor& actor, const TicketFacts& t, bool on_leave) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R1, "only engineers and shift leads own tickets");
    }
    if (t.status == TicketStatus::kClosed) return ClosedIsFinal();
    if (IsOwner(actor, t)) return Decision::NoChange();
    if (t.owner_id && !IsLead(actor)) {
        return Decision::Forbid(rule::R11,
                                "this ticket is owned by someone else: only a shift lead reassigns tickets; "
                                "ask a shift lead for reassignment");
    }
    // R4: the queue is for people on duty; a ticket taken during leave would wait unworked until it ends.
    if (on_leave) {
        return Decision::Conflict(rule::R4,
                                  "you are on leave: nobody on leave takes a ticket; it waits for someone on duty");
    }
    return Decision::Allow(t.owner_id ? rule::R11 : rule::R1);
}

Decision DecideAssign(const Actor& actor, const TicketFacts& t, const AssigneeFacts& to) {
    if (!IsLead(actor)) {
        // Assigning an unowned ticket to yourself is taking it (R7 allows that much).
        // The assignee's leave (R4) is DecideGiveTicket's, asked by the use case for every assignment.
        if (domain::CanOwnTickets(actor.role) && to.id == actor.id && !t.owner_id) return DecideTake(actor, t, false);
        if (domain::CanOwnTickets(actor.role) && t.owner_id && *t.owner_id == to.id) {
            return t.status == TicketStatus::kClosed ? ClosedIsFinal() : Decision::NoChange();
        }
        if (t.owner_id) {
            return Decision::Forbid(rule::R11,
                                    "only a shift lead reassigns tickets: ask a shift lead for reassignment");
        }
        return Decision::Forbid(rule::R7,
                                "only a shift lead assigns a ticket to someone else: take it yourself or ask a "
                                "shift lead to assign it");
    }
    if (t.status == TicketStatus::kClosed) return ClosedIsFinal();
    if (const Decision who = DecideOwner(to); !who.allowed()) return who;
    if (t.owner_id && *t.owner_id == to.id) return Decision::NoChange();
    return Decision::Allow(t.owner_id ? rule::R11 : rule::R7);
}

Decision DecideStatus(const Actor& actor, const TicketFacts& t, TicketStatus to) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::R1, "only the ticket's owner or a shift lead can change its status");
    }
    if (t.status == TicketStatus::kClosed) return ClosedIsFinal();
    if (to == t.status) return Decision::NoChange();
    if (!t.owner_id) {
        // A lead may close an unowned ticket (spam, duplicate) without anyone working it.
        if (to == TicketStatus::kClosed && IsLead(actor)) return Decision::Allow(rule::R1);
        return TakeItFirst("change its status");
    }
    const Decision who = OwnerOrLead(actor, t, "change its status");
    if (!who.allowed()) return who;
    if (to == TicketStatus::kClosed && t.status != TicketStatus::kSolved) {
        return Decision::Conflict(rule::Id::kNone, "a ticket is solved before it is closed");
    }
    return Decision::Allow(rule::R1);
}

Decision DecidePriority(const Actor& actor, const TicketFacts& t) {
    // A shift lead triages unowned tickets; everyone else works only what they own.
    if (IsLead(actor) && !t.owner_id && t.status != TicketStatus::kClosed) return Decision::Allow(rule::R1);
    return OwnerOrLead(actor, t, "change its priority");
}

Decision DecideNote(const Actor& actor) {
    if (const Decision powers = DecideTicketPowers(actor); !powers.allowed()) return powers;
    return Decision::Allow(rule::R10);  // staff only, on any ticket, closed ones included
}

}  // namespace

Decision Decide(const TicketFacts& ticket, const TicketCommand& command, const Actor& actor) {
    struct Visitor {
        const TicketFacts& t;
        const Actor& a;
        Decision operator()(const cmd::View&) const { return DecideView(a); }
        Decision operator()(const cmd::Take& c) const { return DecideTake(a, t, c.actor_on_leave); }
        Decision operator()(const cmd::Assign& c) const { return DecideAssign(a, t, c.to); }
        Decision operator()(const cmd::SetStatus& c) const { return DecideStatus(a, t, c.to); }
        Decision operator()(const cmd::SetPriority&) const { return DecidePriority(a, t); }
        Decision operator()(const cmd::Reply&) const {
            Decision d = OwnerOrLead(a, t, "reply to the customer");
            if (d.changes()) d.rule = rule::R2;
            return d;
        }
        Decision operator()(const cmd::Promise&) const {
            Decision d = OwnerOrLead(a, t, "promise the customer an update");
            if (d.allowed() && t.status == TicketStatus::kSolved) {
                return Decision::Conflict(rule::R2, "this ticket is solved: there is no next update to promise "
                                                    "(a customer message reopens it)");
            }
            if (d.allowed()) d.rule = rule::R2;
            return d;
        }
        Decision operator()(const cmd::Note&) const { return DecideNote(a); }
        Decision operator()(const cmd::CustomerMessage&) const {
            // Any staff member relays what a customer said; what it does to a closed ticket is R9's.
            Decision d = DecideNote(a);
            if (d.changes()) d.rule = rule::R9;
            return d;
        }
    };
    return std::visit(Visitor{ticket, actor}, command);
}

Decision DecideOwner(const AssigneeFacts& to) {
    if (!domain::CanOwnTickets(to.role) || !to.active) {
        return Decision::Conflict(rule::R1, "a ticket's owner must be an active engineer or shift lead");
    }
    return Decision::Allow(rule::R1);
}

bool IsApproval(const Actor& actor, const Decision& assign, bool through_request) {
    return IsLead(actor) && assign.allowed() && (assign.changes() || through_request);
}

Decision DecideCreate(const Actor& actor, bool has_parent) {
    if (!domain::CanOwnTickets(actor.role)) {
        return Decision::Forbid(rule::Id::kNone, "only engineers and shift leads open tickets");
    }
    if (has_parent) {
        return Decision::Forbid(rule::R9,
                                "a ticket tied to an existing ticket is created only through a new-ticket request "
                                "that a shift lead approves");
    }
    return Decision::Allow();
}

std::string_view ActionOf(const TicketCommand& command) {
    struct Visitor {
        std::string_view operator()(const cmd::View&) const { return "ticket.viewed"; }
        std::string_view operator()(const cmd::Take&) const { return "ticket.taken"; }
        std::string_view operator()(const cmd::Assign&) const { return "ticket.assigned"; }
        std::string_view operator()(const cmd::SetStatus&) const { return "ticket.status_changed"; }
        std::string_view operator()(const cmd::SetPriority&) const { return "ticket.priority_changed"; }
        std::string_view operator()(const cmd::Reply&) const { return "ticket.replied"; }
        std::string_view operator()(const cmd::Promise&) const { return "ticket.promised"; }
        std::string_view operator()(const cmd::Note&) const { return "ticket.noted"; }
        std::string_view operator()(const cmd::CustomerMessage&) const { return "ticket.customer_message"; }
    };
    return std::visit(Visitor{}, command);
}

}  // namespace shiftdesk::policy
