// Use cases for requests to a shift lead: file, approve (the desk carries the request out in the same
// transaction), deny, withdraw, and the lead's inbox (R6, R7, R9, R10, R11, R12).
#include "store/requests.hpp"

#include "app/command_support.hpp"
#include "app/requests.hpp"
#include "app/validation.hpp"
#include "policy/desk_policy.hpp"
#include "policy/leave_policy.hpp"
#include "policy/request_policy.hpp"
#include "store/leaves.hpp"
#include "store/tickets.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

using domain::Request;
using domain::RequestKind;
using domain::RequestState;

constexpr TextLimits kReason{1, 2000, true};
constexpr TextLimits kDescription{0, 20000, true};

Result<FileRequestCmd> Checked(FileRequestCmd cmd, const policy::Settings& settings) {
    switch (cmd.kind) {
        case RequestKind::kAssignment:
            if (!cmd.ticket_id) return Invalid("ticket_id", "ticket_id is required for an assignment request");
            cmd.reason = SD_TRY(CheckText("reason", cmd.reason, kReason));
            break;
        case RequestKind::kNewTicket:
            if (!cmd.ticket_id) return Invalid("ticket_id", "ticket_id names the ticket the new issue was found in");
            if (!domain::ValueOf(domain::kNewTicketReasonNames, cmd.reason)) {
                return Invalid("reason", "reason must be " + domain::Choices(domain::kNewTicketReasonNames));
            }
            cmd.subject = SD_TRY(CheckText("subject", cmd.subject, kOneLine));
            cmd.description = SD_TRY(CheckText("description", cmd.description, kDescription));
            break;
        case RequestKind::kOffQueue:
            if (const auto d = policy::DecideOffQueueHours(cmd.hours, settings); !d.allowed()) {
                return RefuseField(d, "hours");
            }
            cmd.reason = SD_TRY(CheckText("reason", cmd.reason, kReason));
            break;
    }
    return cmd;
}

Result<Request> LoadRequest(store::Conn& c, std::int64_t id) {
    auto found = SD_TRY(store::FindRequest(c, id));
    if (!found) return NotFound("no request " + std::to_string(id));
    return std::move(*found);
}

Result<std::optional<domain::Ticket>> TicketOf(store::Conn& c, const Request& r) {
    if (!r.ticket_id) return std::optional<domain::Ticket>{};
    return store::FindTicket(c, *r.ticket_id);
}

Error RequestRefusal(const policy::Decision& d, std::string_view action, const Request& r) {
    Error e = Refuse(d, action, r.ticket_id);
    if (r.id != 0) e.refusal->request = r.id;  // 0: refused while being filed
    return e;
}

// The active engineer or lead on duty a ticket may go to (R1, R4), or the audited refusal that says why not.
Result<domain::User> OwnerToBe(store::Conn& c, domain::UserId id, Millis now, std::string_view action,
                               const Request& r) {
    auto user = SD_TRY(store::FindUser(c, id));
    if (!user) return Invalid("owner_id", "no user " + std::to_string(id));
    const auto owner = policy::DecideOwner({user->id, user->role, user->active});
    if (!owner.allowed()) return RequestRefusal(owner, action, r);
    const auto away = policy::DecideGiveTicket(*user, SD_TRY(store::LeaveAt(c, user->id, now)));
    if (!away.allowed()) return RequestRefusal(away, action, r);
    return std::move(*user);
}

// R9, R12: the approved new issue becomes a child ticket, for the customer of the parent.
Result<domain::Ticket> CreateChild(store::Conn& c, const policy::Settings& settings, const domain::Actor& lead,
                                   Millis now, const Request& r,
                                   const domain::Ticket& parent, std::optional<domain::UserId> lead_choice,
                                   const std::string& note) {
    const domain::UserId owner_id = policy::ChildOwner(r, parent.owner_id, lead_choice);
    const domain::User owner = SD_TRY(OwnerToBe(c, owner_id, now, "request.approved", r));
    domain::Ticket child;
    child.subject = r.subject;
    child.description = r.description;
    child.status = domain::TicketStatus::kOpen;
    child.priority = parent.priority;
    child.channel = parent.channel;
    child.customer = parent.customer;
    child.owner_id = owner.id;
    child.parent_id = parent.id;
    child.created_at = now;
    child.updated_at = now;
    child.approved_by = lead.id;
    child.approval_request_id = r.id;
    policy::StartClocks(child.sla, SD_TRY(SlaContextFor(settings, child)), now);  // R2, as for any new ticket
    SyncDue(child);
    child = SD_TRY(store::InsertTicket(c, std::move(child)));
    SD_CHECK(RecordEvent(c, lead.id, now, "ticket.created", EventAbout{child.id, r.id}, rule::R12,
                         {{"subject", {}, child.subject},
                          {"parent_id", {}, parent.id},
                          {"owner_id", {}, owner.id},
                          {"status", {}, std::string(domain::ToString(child.status))}}));
    SD_CHECK(RecordEvent(c, lead.id, now, "ticket.child_created", EventAbout{parent.id, r.id}, rule::R9,
                         {{"child_id", {}, child.id}}));
    // The lead's note goes on every ticket the approval touches (R10).
    SD_CHECK(AddThreadEntry(c, lead, now, parent, domain::EntryKind::kNote, note, "ticket.noted", rule::R10));
    return MarkApproved(c, lead, now, std::move(child), note, r.id);
}

}  // namespace

Result<Request> FileRequestInCommand(store::Conn& c, const policy::Settings& settings, const domain::Actor& actor,
                                     const FileRequestCmd& raw, Millis now) {
            const FileRequestCmd cmd = SD_TRY(Checked(raw, settings));
            std::optional<domain::Ticket> ticket;
            if (cmd.ticket_id) ticket = SD_TRY(LoadTicket(c, *cmd.ticket_id));
            policy::FilingFacts facts;
            facts.kind = cmd.kind;
            if (ticket) facts.ticket = FactsOf(*ticket);
            facts.reason = domain::ValueOf(domain::kNewTicketReasonNames, cmd.reason);
            facts.already_pending = SD_TRY(store::HasPendingRequest(c, actor.id, cmd.kind, cmd.ticket_id));
            const auto d = policy::DecideFile(actor, facts);
            if (!d.allowed()) return Refuse(d, "request.filed", cmd.ticket_id);
            Request r;
            r.ticket_id = cmd.ticket_id;
            if (cmd.kind == RequestKind::kAssignment && cmd.owner_id) {
                SD_CHECK(OwnerToBe(c, *cmd.owner_id, now, "request.filed", r));
            }
            r.kind = cmd.kind;
            r.state = RequestState::kPending;
            r.requester_id = actor.id;
            if (cmd.kind == RequestKind::kAssignment) r.owner_id = cmd.owner_id;
            r.reason = cmd.reason;
            r.subject = cmd.subject;
            r.description = cmd.description;
            r.new_issue = cmd.new_issue;
            r.hours = cmd.hours;
            r.created_at = now;
            r.expires_at = now + settings.request_ttl_hours * kHour;
            r.updated_at = now;
            r = SD_TRY(store::InsertRequest(c, std::move(r)));
            SD_CHECK(RecordEvent(c, actor.id, now, "request.filed", EventAbout{r.ticket_id, r.id}, d.rule,
                                 {{"kind", {}, std::string(domain::ToString(r.kind))},
                                  {"state", {}, std::string(domain::ToString(r.state))}}));
            return r;
}

void Requests::FileRequest(const domain::Actor& actor, FileRequestCmd raw, Done<Request> done) {
    auto cmd = Checked(std::move(raw), options_.policy);
    if (!cmd) return done(cmd.error());
    Write<Request>(
        actor,
        [actor, cmd = std::move(*cmd), settings = options_.policy](store::Conn& c, Millis now) -> Result<Request> {
            return FileRequestInCommand(c, settings, actor, cmd, now);
        },
        std::move(done));
}

void Requests::ApproveRequest(const domain::Actor& actor, std::int64_t id, DecisionCmd cmd, Done<Request> done) {
    auto note = CheckText("note", cmd.note, kBody);
    if (!note) return done(note.error());
    Write<Request>(
        actor,
        [actor, id, note = *note, owner = cmd.owner_id, settings = &options_.policy](store::Conn& c,
                                                                                     Millis now) -> Result<Request> {
            Request r = SD_TRY(LoadRequest(c, id));
            const auto ticket = SD_TRY(TicketOf(c, r));
            const policy::RequestFacts facts{r.kind, r.state, r.requester_id, ticket && ticket->owner_id.has_value(),
                                             now >= r.expires_at};
            const auto d = policy::DecideOnRequest(actor, facts, policy::RequestAction::kApprove);
            if (!d.allowed()) return RequestRefusal(d, "request.approved", r);
            if (owner && r.kind == RequestKind::kOffQueue) {
                return Invalid("owner_id", "an off-queue request has no owner to name");
            }

            // The desk carries out what was approved, in this same transaction.
            switch (r.kind) {
                case RequestKind::kAssignment: {
                    const auto target = owner ? owner : r.owner_id;
                    if (!target) return Invalid("owner_id", "the request leaves the choice to you: name owner_id");
                    SD_CHECK(AssignInCommand(c, actor, now, *r.ticket_id, *target, note, r.id));
                    r.owner_id = target;
                    break;
                }
                case RequestKind::kNewTicket: {
                    const auto child = SD_TRY(CreateChild(c, *settings, actor, now, r, *ticket, owner, note));
                    r.result_ticket_id = child.id;
                    break;
                }
                case RequestKind::kOffQueue: {
                    const Millis until = now + r.hours * kHour;
                    SD_CHECK(store::SetOffQueue(c, r.requester_id, true, until));
                    SD_CHECK(RecordEvent(c, actor.id, now, "user.off_queue", EventAbout{std::nullopt, r.id}, rule::R6,
                                         {{"user_id", {}, r.requester_id}, {"off_queue_until", {}, until}}));
                    break;
                }
            }
            r.state = RequestState::kApproved;
            r.decided_by = actor.id;
            r.decided_at = now;
            r.decision_note = note;
            r.updated_at = now;
            SD_CHECK(store::DecideRequest(c, r));
            SD_CHECK(RecordEvent(c, actor.id, now, "request.approved", EventAbout{r.ticket_id, r.id}, d.rule,
                                 {{"state", std::string("pending"), std::string("approved")}}));
            return r;
        },
        std::move(done));
}

void Requests::DenyRequest(const domain::Actor& actor, std::int64_t id, DecisionCmd cmd, Done<Request> done) {
    auto note = CheckText("note", cmd.note, kBody);
    if (!note) return done(note.error());
    Write<Request>(
        actor,
        [actor, id, note = *note](store::Conn& c, Millis now) -> Result<Request> {
            Request r = SD_TRY(LoadRequest(c, id));
            const auto ticket = SD_TRY(TicketOf(c, r));
            const policy::RequestFacts facts{r.kind, r.state, r.requester_id, ticket && ticket->owner_id.has_value(),
                                             now >= r.expires_at};
            const auto d = policy::DecideOnRequest(actor, facts, policy::RequestAction::kDeny);
            if (!d.allowed()) return RequestRefusal(d, "request.denied", r);
            r.state = RequestState::kDenied;
            r.decided_by = actor.id;
            r.decided_at = now;
            r.decision_note = note;
            r.updated_at = now;
            SD_CHECK(store::DecideRequest(c, r));
            SD_CHECK(RecordEvent(c, actor.id, now, "request.denied", EventAbout{r.ticket_id, r.id}, d.rule,
                                 {{"state", std::string("pending"), std::string("denied")}}));
            return r;
        },
        std::move(done));
}

void Requests::WithdrawRequest(const domain::Actor& actor, std::int64_t id, Done<Request> done) {
    Write<Request>(
        actor,
        [actor, id](store::Conn& c, Millis now) -> Result<Request> {
            Request r = SD_TRY(LoadRequest(c, id));
            const auto ticket = SD_TRY(TicketOf(c, r));
            const policy::RequestFacts facts{r.kind, r.state, r.requester_id, ticket && ticket->owner_id.has_value(),
                                             now >= r.expires_at};
            const auto d = policy::DecideOnRequest(actor, facts, policy::RequestAction::kWithdraw);
            if (!d.allowed()) return RequestRefusal(d, "request.withdrawn", r);
            r.state = RequestState::kWithdrawn;
            r.updated_at = now;
            SD_CHECK(store::DecideRequest(c, r));
            SD_CHECK(RecordEvent(c, actor.id, now, "request.withdrawn", EventAbout{r.ticket_id, r.id}, d.rule,
                                 {{"state", std::string("pending"), std::string("withdrawn")}}));
            return r;
        },
        std::move(done));
}

namespace {

Result<RequestView> ViewOf(store::Conn& c, Request r) {
    RequestView v;
    v.ticket = SD_TRY(TicketOf(c, r));
    auto requester = SD_TRY(store::FindUser(c, r.requester_id));
    if (requester) v.requester = std::move(*requester);
    v.requester_open_tickets = SD_TRY(store::OpenTicketCounts(c, {r.requester_id}))[r.requester_id];
    v.request = std::move(r);
    return v;
}

// A lead sees every request; everyone else their own (RULES.md, roles).
Result<void> MaySee(store::Conn& c, const domain::Actor& actor, const Request& r) {
    policy::RequestFacts facts{r.kind, r.state, r.requester_id, false, false};
    if (policy::DecideViewRequest(actor, facts).allowed()) return {};
    const auto ticket = SD_TRY(TicketOf(c, r));
    facts.ticket_owned = ticket && ticket->owner_id.has_value();
    return RequestRefusal(policy::DecideViewRequest(actor, facts), "request.viewed", r);
}

}  // namespace

Result<std::vector<RequestView>> Requests::ListRequests(const domain::Actor& actor, store::RequestQuery query) {
    if (!policy::SeesWholeTeam(actor)) query.requester_id = actor.id;
    return Read<std::vector<RequestView>>([&](store::Conn& c) -> Result<std::vector<RequestView>> {
        std::vector<RequestView> out;
        for (auto& r : SD_TRY(store::ListRequests(c, query))) out.push_back(SD_TRY(ViewOf(c, std::move(r))));
        return out;
    });
}

Result<RequestView> Requests::GetRequest(const domain::Actor& actor, std::int64_t id) {
    return Read<RequestView>([&](store::Conn& c) -> Result<RequestView> {
        Request r = SD_TRY(LoadRequest(c, id));
        SD_CHECK(MaySee(c, actor, r));
        return ViewOf(c, std::move(r));
    });
}

Result<std::vector<store::EventRow>> Requests::GetRequestEvents(const domain::Actor& actor, std::int64_t id) {
    return Read<std::vector<store::EventRow>>([&](store::Conn& c) -> Result<std::vector<store::EventRow>> {
        const Request r = SD_TRY(LoadRequest(c, id));
        SD_CHECK(MaySee(c, actor, r));
        return store::ListEvents(c, store::EventQuery{std::nullopt, id, 0, 200});
    });
}

}  // namespace shiftdesk::app
