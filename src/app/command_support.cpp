#include "app/command_support.hpp"

#include "store/events.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {

Result<domain::Ticket> LoadTicket(store::Conn& c, domain::TicketId id) {
    auto found = SD_TRY(store::FindTicket(c, id));
    if (!found) return NotFound("no ticket " + std::to_string(id));
    return std::move(*found);
}

policy::TicketFacts FactsOf(const domain::Ticket& t) { return policy::TicketFacts{t.status, t.owner_id}; }

Error Refusal(const policy::Decision& d, std::string_view action, std::optional<domain::TicketId> ticket) {
    Error e = MakeError(d.code, d.message);
    e.rule = std::string(rule::Code(d.rule));
    e.audit_action = std::string(action);
    e.audit_ticket = ticket;
    return e;
}

Result<void> Record(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action,
                    std::optional<domain::TicketId> ticket, rule::Id rule, std::vector<domain::FieldChange> changes) {
    return RecordEvent(c, actor.id, now, action, EventAbout{ticket, std::nullopt}, rule, std::move(changes));
}

Result<void> RecordEvent(store::Conn& c, std::optional<domain::UserId> actor, Millis now, std::string_view action,
                         EventAbout about, rule::Id rule, std::vector<domain::FieldChange> changes) {
    domain::Event e;
    e.at = now;
    e.actor_id = actor;
    e.action = std::string(action);
    e.ticket_id = about.ticket;
    e.request_id = about.request;
    e.outcome = domain::Outcome::kDone;
    e.rule = std::string(rule::Code(rule));
    e.changes = std::move(changes);
    SD_CHECK(store::AppendEvent(c, e));
    return {};
}

}  // namespace shiftdesk::app
