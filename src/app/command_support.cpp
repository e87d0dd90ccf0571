#include "app/command_support.hpp"

#include "store/events.hpp"
#include "policy/rules.hpp"
#include "store/tickets.hpp"

namespace shiftdesk::app {

Result<domain::Ticket> LoadTicket(store::Conn& c, domain::TicketId id) {
    auto found = SD_TRY(store::FindTicket(c, id));
    if (!found) return NotFound("no ticket " + std::to_string(id));
    return std::move(*found);
}

policy::TicketFacts FactsOf(const domain::Ticket& t) { return policy::TicketFacts{t.status, t.owner_id}; }

Error Refuse(const policy::Decision& d, std::string_view action, std::optional<domain::TicketId> ticket) {
    Error e = MakeError(d.code, d.message);
    e.refusal = shiftdesk::Refusal{d.rule, std::string(action), ticket, std::nullopt};
    return e;
}

Error RefuseUnaudited(const policy::Decision& d) {
    Error e = MakeError(d.code, d.message);
    e.refusal = shiftdesk::Refusal{d.rule, {}, std::nullopt, std::nullopt};
    return e;
}

Error RefuseField(const policy::Decision& d, std::string field) {
    Error e = RefuseUnaudited(d);
    e.field = std::move(field);
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

Result<domain::Ticket> PersistChange(store::Conn& c, const domain::Actor& actor, Millis now, std::string_view action,
                                     rule::Id rule, domain::Changed changed) {
    SD_CHECK(store::UpdateTicket(c, changed.ticket));
    SD_CHECK(Record(c, actor, now, action, changed.ticket.id, rule, std::move(changed.changes)));
    return std::move(changed.ticket);
}

Result<domain::ThreadEntry> AddThreadEntry(store::Conn& c, const domain::Actor& actor, Millis now,
                                           const domain::Ticket& t, domain::EntryKind kind, std::string body,
                                           std::string_view action, rule::Id rule) {
    domain::ThreadEntry e;
    e.ticket_id = t.id;
    e.kind = kind;
    e.author_id = actor.id;
    e.author_name = actor.name;
    e.body = std::move(body);
    e.created_at = now;
    e = SD_TRY(store::InsertEntry(c, std::move(e)));
    SD_CHECK(store::UpdateTicket(c, domain::Touched(t, now).ticket));
    SD_CHECK(Record(c, actor, now, action, t.id, rule, {{"entry_id", {}, e.id}}));
    return e;
}

Result<domain::Ticket> MarkApproved(store::Conn& c, const domain::Actor& lead, Millis now, domain::Ticket t,
                                    std::string note, std::optional<std::int64_t> request_id) {
    const auto entry =
        SD_TRY(AddThreadEntry(c, lead, now, t, domain::EntryKind::kNote, note, "ticket.noted", rule::R10));
    t.updated_at = now;
    t.approved_by = lead.id;
    t.approval_entry_id = entry.id;
    t.approval_request_id = request_id;
    t.approval_note = std::move(note);
    SD_CHECK(store::UpdateTicket(c, t));
    return t;
}

}  // namespace shiftdesk::app
