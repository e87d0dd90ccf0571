#include "domain/ticket_changes.hpp"

namespace shiftdesk::domain {
namespace {

FieldValue Owner(const std::optional<UserId>& id) { return id ? FieldValue{*id} : FieldValue{}; }
FieldValue Name(std::string_view s) { return FieldValue{std::string(s)}; }

}  // namespace

Changed WithOwner(const Ticket& t, UserId owner, Millis now) {
    Changed c{t, {}};
    c.ticket.owner_id = owner;
    c.ticket.updated_at = now;
    c.ticket.needs_lead = false;  // an engineer is involved now (R9's flag is for tickets nobody owns)
    c.changes.push_back({"owner_id", Owner(t.owner_id), Owner(owner)});
    if (t.status == TicketStatus::kNew) {
        c.ticket.status = TicketStatus::kOpen;
        c.changes.push_back({"status", Name(ToString(t.status)), Name(ToString(TicketStatus::kOpen))});
    }
    return c;
}

Changed WithStatus(const Ticket& t, TicketStatus status, Millis now) {
    Changed c{t, {}};
    c.ticket.status = status;
    c.ticket.updated_at = now;
    c.ticket.closed_at = status == TicketStatus::kClosed ? std::optional<Millis>(now) : std::nullopt;
    c.changes.push_back({"status", Name(ToString(t.status)), Name(ToString(status))});
    return c;
}

Changed WithPriority(const Ticket& t, Priority priority, Millis now) {
    Changed c{t, {}};
    c.ticket.priority = priority;
    c.ticket.updated_at = now;
    c.changes.push_back({"priority", Name(ToString(t.priority)), Name(ToString(priority))});
    return c;
}

Changed Touched(const Ticket& t, Millis now) {
    Changed c{t, {}};
    c.ticket.updated_at = now;
    return c;
}

}  // namespace shiftdesk::domain
