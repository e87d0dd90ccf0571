// Use cases that change a ticket: take, assign, status and priority, public replies and private notes.
// Each loads the ticket, asks the rulebook, and writes the change with its event in one transaction.
#include "app/command_support.hpp"
#include "app/tickets.hpp"
#include "app/validation.hpp"
#include "common/time.hpp"
#include "domain/ticket_changes.hpp"
#include "policy/leave_policy.hpp"
#include "store/leaves.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::Ticket;

}  // namespace

void Tickets::TakeTicket(const domain::Actor& actor, domain::TicketId id, Done<Ticket> done) {
    Write<Ticket>(
        actor,
        [actor, id](store::Conn& c, Millis now) -> Result<Ticket> {
            const Ticket t = SD_TRY(LoadTicket(c, id));
            const bool on_leave = SD_TRY(store::LeaveAt(c, actor.id, now)).has_value();
            const policy::TicketCommand command = policy::cmd::Take{on_leave};
            const auto d = policy::Decide(FactsOf(t), command, actor);
            if (!d.allowed()) return Refuse(d, policy::ActionOf(command), id);
            if (!d.changes()) return t;
            // A lead taking someone else's ticket is a reassignment, and leaves the same trace as one (R10, R11).
            if (t.owner_id && *t.owner_id != actor.id) {
                return AssignInCommand(c, actor, now, id, actor.id, "", std::nullopt);
            }
            return PersistChange(c, actor, now, policy::ActionOf(command), d.rule, domain::WithOwner(t, actor.id, now));
        },
        std::move(done));
}

Result<Ticket> AssignInCommand(store::Conn& c, const domain::Actor& actor, Millis now, domain::TicketId id,
                               domain::UserId owner, std::string note, std::optional<std::int64_t> request_id) {
    const Ticket t = SD_TRY(LoadTicket(c, id));
    const auto assignee = SD_TRY(store::FindUser(c, owner));
    // The rulebook speaks first: an engineer naming anyone else is refused (R7, R11) whether or not that person
    // exists; only an allowed assignment to nobody is a wrong field.
    const policy::AssigneeFacts to = assignee ? policy::AssigneeFacts{assignee->id, assignee->role, assignee->active}
                                              : policy::AssigneeFacts{owner, domain::Role::kEngineer, true};
    const policy::TicketCommand command = policy::cmd::Assign{to};
    const auto d = policy::Decide(FactsOf(t), command, actor);
    if (!d.allowed()) {
        Error refused = Refuse(d, policy::ActionOf(command), id);
        refused.refusal->request = request_id;
        return refused;
    }
    if (!assignee) return Invalid("owner_id", "no user " + std::to_string(owner));
    if (d.changes()) {
        const auto away = policy::DecideGiveTicket(*assignee, SD_TRY(store::LeaveAt(c, assignee->id, now)));
        if (!away.allowed()) {
            Error refused = Refuse(away, policy::ActionOf(command), id);
            refused.refusal->request = request_id;
            return refused;
        }
    }
    Ticket assigned = t;
    if (d.changes()) {
        assigned = SD_TRY(
            PersistChange(c, actor, now, policy::ActionOf(command), d.rule, domain::WithOwner(t, assignee->id, now)));
        SD_CHECK(PickUpOnReassignment(c, actor, now, assigned));
    }
    // A lead's assignment, direct or through a request, is an approval: it carries the lead's note (R10).
    if (policy::IsApproval(actor, d, request_id.has_value())) {
        if (note.empty()) note = "Assigned to " + assignee->name + " by " + actor.name + ".";
        return MarkApproved(c, actor, now, std::move(assigned), std::move(note), request_id);
    }
    if (!note.empty()) {
        SD_CHECK(AddThreadEntry(c, actor, now, assigned, domain::EntryKind::kNote, note,
                                policy::ActionOf(policy::cmd::Note{}), rule::R10));
        assigned = domain::Touched(assigned, now).ticket;
    }
    return assigned;
}

void Tickets::AssignTicket(const domain::Actor& actor, domain::TicketId id, domain::UserId owner, std::string note,
                           Done<Ticket> done) {
    if (!note.empty()) {
        auto checked = CheckText("note", note, kBody);
        if (!checked) return done(checked.error());
        note = std::move(*checked);
    }
    Write<Ticket>(
        actor,
        [actor, id, owner, note](store::Conn& c, Millis now) -> Result<Ticket> {
            return AssignInCommand(c, actor, now, id, owner, note, std::nullopt);
        },
        std::move(done));
}

void Tickets::UpdateTicket(const domain::Actor& actor, domain::TicketId id, UpdateTicketCmd cmd, Done<Ticket> done) {
    if (!cmd.status && !cmd.priority) return done(Invalid("status", "give a status or a priority to change"));
    Write<Ticket>(
        actor,
        [actor, id, cmd, settings = &options_.policy](store::Conn& c, Millis now) -> Result<Ticket> {
            Ticket t = SD_TRY(LoadTicket(c, id));
            // Both decisions are taken on the ticket as it is, before anything changes: all or nothing.
            const policy::TicketCommand set_status = policy::cmd::SetStatus{cmd.status.value_or(t.status)};
            const policy::TicketCommand set_priority = policy::cmd::SetPriority{};
            const auto status_ok = policy::Decide(FactsOf(t), set_status, actor);
            const auto priority_ok = policy::Decide(FactsOf(t), set_priority, actor);
            if (cmd.status && !status_ok.allowed()) return Refuse(status_ok, policy::ActionOf(set_status), id);
            if (cmd.priority && !priority_ok.allowed()) return Refuse(priority_ok, policy::ActionOf(set_priority), id);
            if (cmd.status && status_ok.changes()) {
                auto changed = SD_TRY(WithStatusAndSla(*settings, t, *cmd.status, now));
                t = SD_TRY(PersistChange(c, actor, now, policy::ActionOf(set_status), status_ok.rule,
                                         std::move(changed)));
            }
            if (cmd.priority && *cmd.priority != t.priority) {
                auto changed = domain::WithPriority(t, *cmd.priority, now);
                policy::OnRetarget(changed.ticket.sla, SD_TRY(SlaContextFor(*settings, changed.ticket)), now);
                SyncDue(changed.ticket);
                t = SD_TRY(
                    PersistChange(c, actor, now, policy::ActionOf(set_priority), priority_ok.rule, std::move(changed)));
            }
            return t;
        },
        std::move(done));
}

void Tickets::AddReply(const domain::Actor& actor, domain::TicketId id, std::string body,
                       std::optional<Millis> promise_by, Done<domain::ThreadEntry> done) {
    auto checked = CheckText("body", body, kBody);
    if (!checked) return done(checked.error());
    Write<domain::ThreadEntry>(
        actor,
        [actor, id, body = std::move(*checked), promise_by, settings = &options_.policy](
            store::Conn& c, Millis now) -> Result<domain::ThreadEntry> {
            Ticket t = SD_TRY(LoadTicket(c, id));
            const policy::TicketCommand command = policy::cmd::Reply{};
            const auto d = policy::Decide(FactsOf(t), command, actor);
            if (!d.allowed()) return Refuse(d, policy::ActionOf(command), id);
            if (promise_by) {
                const auto may_promise = policy::Decide(FactsOf(t), policy::cmd::Promise{}, actor);
                if (!may_promise.allowed()) return Refuse(may_promise, "ticket.promised", id);
                if (*promise_by <= now) {
                    return Invalid("promise_by", "promise_by must be in the future: it is when the next update comes");
                }
                SD_CHECK(CheckDateWindow("promise_by", *promise_by, now, settings->dates));
            }
            // R2: the reply meets the update that was due and starts the next one; it may promise the one after.
            const auto promised_before = t.sla.promised_at;
            policy::OnPublicReply(t.sla, SD_TRY(SlaContextFor(*settings, t)), now, promise_by);
            SyncDue(t);
            auto entry = SD_TRY(
                AddThreadEntry(c, actor, now, t, domain::EntryKind::kReply, body, policy::ActionOf(command), d.rule));
            if (promise_by) {
                SD_CHECK(Record(
                    c, actor, now, policy::ActionOf(policy::cmd::Promise{}), id, rule::R2,
                    {{"promised_update_at",
                      promised_before ? domain::FieldValue{FormatRfc3339(*promised_before)} : domain::FieldValue{},
                      FormatRfc3339(*promise_by)}}));
            }
            return entry;
        },
        std::move(done));
}

void Tickets::AddNote(const domain::Actor& actor, domain::TicketId id, std::string body,
                      Done<domain::ThreadEntry> done) {
    auto checked = CheckText("body", body, kBody);
    if (!checked) return done(checked.error());
    Write<domain::ThreadEntry>(
        actor,
        [actor, id, body = std::move(*checked)](store::Conn& c, Millis now) -> Result<domain::ThreadEntry> {
            const Ticket t = SD_TRY(LoadTicket(c, id));
            const policy::TicketCommand command = policy::cmd::Note{};
            const auto d = policy::Decide(FactsOf(t), command, actor);
            if (!d.allowed()) return Refuse(d, policy::ActionOf(command), id);
            return AddThreadEntry(c, actor, now, t, domain::EntryKind::kNote, body, policy::ActionOf(command), d.rule);
        },
        std::move(done));
}

}  // namespace shiftdesk::app
