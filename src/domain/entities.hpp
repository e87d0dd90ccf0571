// The records the desk keeps: users, customers, tickets, thread entries and audit events.
// Pure value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/types.hpp"

namespace shiftdesk::domain {

struct User {
    UserId id = 0;
    std::string login;
    std::string name;
    std::string email;
    Role role = Role::kEngineer;
    bool active = true;
    Millis created_at = 0;
};

// Customers are contacts, not logins: they reach the desk by email, Intercom, phone or a web form.
struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::string email;
    std::string plan;
    bool critical = false;
};

struct Ticket {
    TicketId id = 0;
    std::string subject;
    std::string description;
    TicketStatus status = TicketStatus::kNew;
    Priority priority = Priority::kNormal;
    Channel channel = Channel::kWeb;
    Customer customer;
    std::optional<UserId> owner_id;
    std::optional<TicketId> parent_id;
    std::optional<Millis> due_at;  // what is due first on this ticket (R2); orders the bin
    Millis created_at = 0;
    Millis updated_at = 0;
};

struct ThreadEntry {
    std::int64_t id = 0;
    TicketId ticket_id = 0;
    EntryKind kind = EntryKind::kNote;
    std::optional<UserId> author_id;  // absent for customer messages
    std::string author_name;
    std::string author_email;
    std::string body;
    Millis created_at = 0;
};

// A field's value before or after a change, as the audit trail shows it.
using FieldValue = std::variant<std::monostate, std::int64_t, bool, std::string>;

struct FieldChange {
    std::string field;
    std::optional<FieldValue> before;  // absent when the field did not exist before (a creation)
    FieldValue after;
};

enum class Outcome { kDone, kRefused };
inline constexpr NameTable<Outcome, 2> kOutcomeNames{{{Outcome::kDone, "done"}, {Outcome::kRefused, "refused"}}};

// One line of the audit trail: every change and every refusal (who, when, what, which rule).
struct Event {
    std::int64_t id = 0;
    Millis at = 0;
    std::optional<UserId> actor_id;
    std::string action;  // "ticket.assigned", "session.created", ...
    std::optional<TicketId> ticket_id;
    Outcome outcome = Outcome::kDone;
    std::string rule;     // the rule that allowed or refused it, "R11"
    std::string message;  // for refusals: why
    std::vector<FieldChange> changes;
};

}  // namespace shiftdesk::domain
