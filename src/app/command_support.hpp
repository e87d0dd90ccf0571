// Helpers the use cases share: loading a ticket, turning a policy refusal into an audited error, recording events.
#pragma once

#include "domain/entities.hpp"
#include "policy/decision.hpp"
#include "policy/ticket_policy.hpp"
#include "store/db.hpp"

namespace shiftdesk::app {

// The ticket, or kNotFound.
Result<domain::Ticket> LoadTicket(store::Conn& c, domain::TicketId id);

policy::TicketFacts FactsOf(const domain::Ticket& t);

// A refused decision as an error that names its rule and is written to the audit trail.
Error Refusal(const policy::Decision& d, std::string_view action, std::optional<domain::TicketId> ticket);

// Appends a "done" event.
Result<void> Record(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action,
                    std::optional<domain::TicketId> ticket, rule::Id rule, std::vector<domain::FieldChange> changes);

// What an event is about, beyond the ticket: a request to a lead.
struct EventAbout {
    std::optional<domain::TicketId> ticket;
    std::optional<std::int64_t> request;
};
// Appends a "done" event; actor absent when the desk acts by itself (an expiry, the end of a window).
Result<void> RecordEvent(store::Conn& c, std::optional<domain::UserId> actor, Millis now, std::string_view action,
                         EventAbout about, rule::Id rule, std::vector<domain::FieldChange> changes);

}  // namespace shiftdesk::app
