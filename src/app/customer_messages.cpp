// Use case: what a customer wrote, relayed into the thread by staff. It brings a solved or waiting ticket back to
// open and reopens a recently closed one; a ticket closed longer ago than the policy allows is not reopened (R9):
// its last owner gets an old_ticket_followup request for a lead, or, with no engineer involved, it is flagged.
#include "app/command_support.hpp"
#include "app/customer_message_effects.hpp"
#include "app/tickets.hpp"
#include "app/validation.hpp"
#include "common/text.hpp"
#include "policy/request_policy.hpp"
#include "store/requests.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::TicketStatus;

// Within the one-line limit, cut on a character boundary.
std::string FollowupSubject(const std::string& subject) { return CutUtf8("Follow-up: " + subject, kOneLine.max_chars); }

// R9: the new issue on a long-closed ticket becomes a request from the engineer who owned it, or a flag for a lead.
Result<std::optional<domain::Request>> FollowUp(store::Conn& c, Millis now, const policy::Settings& settings,
                                                domain::Ticket& t, const std::string& body) {
    std::optional<domain::User> owner;
    if (t.owner_id) owner = SD_TRY(store::FindUser(c, *t.owner_id));
    const bool engineer_involved = owner && policy::DecideOwner({owner->id, owner->role, owner->active}).allowed();
    t.updated_at = now;
    if (!engineer_involved) {
        if (!t.needs_lead) {
            t.needs_lead = true;
            SD_CHECK(RecordEvent(c, std::nullopt, now, "ticket.flagged", EventAbout{t.id, std::nullopt}, rule::R9,
                                 {{"needs_lead", false, true}}));
        }
        SD_CHECK(store::UpdateTicket(c, t));
        return std::optional<domain::Request>{};
    }
    SD_CHECK(store::UpdateTicket(c, t));
    if (SD_TRY(store::HasPendingRequest(c, owner->id, domain::RequestKind::kNewTicket, t.id))) {
        return std::optional<domain::Request>{};  // one follow-up request at a time is enough
    }
    domain::Request r;
    r.kind = domain::RequestKind::kNewTicket;
    r.requester_id = owner->id;
    r.ticket_id = t.id;
    r.reason = std::string(domain::NameOf(domain::kNewTicketReasonNames, domain::NewTicketReason::kOldTicketFollowup));
    r.subject = FollowupSubject(t.subject);
    r.description = body;
    r.new_issue = true;
    r.created_at = now;
    r.expires_at = now + settings.request_ttl_hours * kHour;
    r.updated_at = now;
    r = SD_TRY(store::InsertRequest(c, std::move(r)));
    SD_CHECK(RecordEvent(c, std::nullopt, now, "request.filed", EventAbout{t.id, r.id}, rule::R9,
                         {{"kind", {}, std::string(domain::ToString(r.kind))}, {"requester_id", {}, owner->id}}));
    return std::optional<domain::Request>{std::move(r)};
}

}  // namespace

Result<CustomerMessageOutcome> ApplyCustomerMessage(store::Conn& c, std::optional<domain::UserId> actor, Millis now,
                                                    const policy::Settings& settings, domain::Ticket t,
                                                    domain::ThreadEntry entry) {
    CustomerMessageOutcome out;
    out.entry = std::move(entry);
    if (policy::IsLongClosed(t, now, settings)) {
        out.followup = SD_TRY(FollowUp(c, now, settings, t, out.entry.body));
    } else if (t.status == TicketStatus::kClosed || t.status == TicketStatus::kSolved ||
               t.status == TicketStatus::kPending) {
        // The customer answered or came back: the ticket is being worked again, its clocks running (R2); a closed
        // one nobody owned goes back to the queue (R1).
        const TicketStatus to = t.owner_id ? TicketStatus::kOpen : TicketStatus::kNew;
        auto reopened = SD_TRY(WithStatusAndSla(settings, t, to, now));
        SD_CHECK(store::UpdateTicket(c, reopened.ticket));
        SD_CHECK(RecordEvent(c, actor, now, "ticket.reopened", EventAbout{t.id, std::nullopt}, rule::R9,
                             std::move(reopened.changes)));
        t = std::move(reopened.ticket);
    } else {
        t = domain::Touched(t, now).ticket;
        SD_CHECK(store::UpdateTicket(c, t));
    }
    out.ticket = std::move(t);
    return out;
}

void Tickets::AddCustomerMessage(const domain::Actor& actor, domain::TicketId id, std::string body,
                                 Done<CustomerMessageOutcome> done) {
    auto checked = CheckText("body", body, kBody);
    if (!checked) return done(checked.error());
    Write<CustomerMessageOutcome>(
        actor,
        [actor, id, body = std::move(*checked), settings = &options_.policy](
            store::Conn& c, Millis now) -> Result<CustomerMessageOutcome> {
            domain::Ticket t = SD_TRY(LoadTicket(c, id));
            const policy::TicketCommand command = policy::cmd::CustomerMessage{};
            const auto d = policy::Decide(FactsOf(t), command, actor);
            if (!d.allowed()) return Refuse(d, policy::ActionOf(command), id);

            domain::ThreadEntry e;
            e.ticket_id = t.id;
            e.kind = domain::EntryKind::kCustomer;
            e.author_name = t.customer.name;
            e.author_email = t.customer.email;
            e.body = body;
            e.created_at = now;
            e = SD_TRY(store::InsertEntry(c, std::move(e)));
            SD_CHECK(Record(c, actor, now, policy::ActionOf(command), t.id, d.rule, {{"entry_id", {}, e.id}}));
            return ApplyCustomerMessage(c, actor.id, now, *settings, std::move(t), std::move(e));
        },
        std::move(done));
}

}  // namespace shiftdesk::app
